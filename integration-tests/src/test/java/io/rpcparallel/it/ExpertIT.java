package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.RpcParallel;
import io.rpcparallel.WorkerEnv;
import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
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
    Process p = JavaProcess.start(ExpertProgram.class, "run");
    BufferedReader out = JavaProcess.stdout(p);
    List<String> seen = new ArrayList<>();
    assertEquals("RESULT 42", JavaProcess.readUntil(out, "RESULT", seen));
    String args = JavaProcess.readUntil(out, "ARGS", seen);
    assertTrue(args.contains(ExpertProgram.class.getName() + " tools worker child-of-" + p.pid() + "@"), args);
    assertTrue(args.endsWith(" expert-child"), args);
    String nested = JavaProcess.readUntil(out, "NESTED", seen);
    assertTrue(nested.contains("must be called in the master process only"), nested);
    JavaProcess.readUntil(out, "DONE", seen);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
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
