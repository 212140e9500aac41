package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.ManagedWorker;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.it.NoLeftoverWorkers;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A managed worker whose process is gone says so, rather than "connection refused". */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManagedWorkerDeathIT {
  @Test
  void runAfterTheWorkerWasKilledFailsWithItsExitStatus() throws Exception {
    Worker<EdgeWorker> handle = EdgeWorkerRpc.spawn(EdgeWorkerImpl.class,
        SpawnOptions.named("managed-dies").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    LinkedBlockingQueue<String> reasons = new LinkedBlockingQueue<>();
    try (ManagedWorker<EdgeWorker, EdgeWorkerClient> managed =
        ManagedWorker.of(handle, EdgeWorkerRpc::connect, reasons::add)) {
      long pid = managed.run(EdgeWorkerClient::pid);
      ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
      process.destroyForcibly();
      process.onExit().get(30, TimeUnit.SECONDS);
      assertEquals(ManagedWorker.LOST_CONNECTION, reasons.poll(60, TimeUnit.SECONDS));
      WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> managed.run(EdgeWorkerClient::pid));
      assertTrue(e.getMessage().startsWith("worker managed-dies died with exit status 137"), e.getMessage());
      assertEquals(137, e.exitCode().orElseThrow());
    }
  }
}
