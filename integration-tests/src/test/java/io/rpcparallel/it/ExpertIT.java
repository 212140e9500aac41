package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.RpcParallel;
import io.rpcparallel.WorkerEnv;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The expert entry points, used by a program that routes its own sub-commands. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExpertIT {

  @Test
  void aProgramWithItsOwnSubCommandsSpawnsThroughTheWorkerCommand() throws Exception {
    try (JavaProcess p = JavaProcess.start(ExpertProgram.class, "run")) {
      assertEquals("RESULT 42", p.readUntil("RESULT"));
      String args = p.readUntil("ARGS");
      assertTrue(args.contains(ExpertProgram.class.getName() + " tools worker child-of-" + p.pid() + "@"), args);
      assertTrue(args.endsWith(" expert-child"), args);
      String nested = p.readUntil("NESTED");
      assertTrue(nested.contains("must be called in the master process only"), nested);
      p.readUntil("DONE");
      assertEquals(0, p.awaitExit());
    }
  }

  @Test
  void workerEntryPointsThrowInAProcessThatWasNotSpawned() {
    IllegalStateException init = assertThrows(IllegalStateException.class, RpcParallel::workerInitBeforeStart);
    assertTrue(init.getMessage().contains("not spawned"), init.getMessage());
    WorkerEnv fake = new WorkerEnv() {
      @Override public String workerId() {
        return "fake";
      }

      @Override public Optional<String> name() {
        return Optional.empty();
      }
    };
    assertThrows(IllegalStateException.class, () -> RpcParallel.startWorkerServer(fake));
  }
}
