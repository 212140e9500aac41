package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.ConnectionException;
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
  /**
   * A managed worker of {@code handle} whose worker was SIGKILLed after it connected, once its
   * loss has been reported.
   */
  private static ManagedWorker<EdgeWorker, EdgeWorkerClient> killedThroughItsConnection(Worker<EdgeWorker> handle)
      throws Exception {
    LinkedBlockingQueue<String> reasons = new LinkedBlockingQueue<>();
    ManagedWorker<EdgeWorker, EdgeWorkerClient> managed = ManagedWorker.of(handle, EdgeWorkerRpc::connect, reasons::add);
    ProcessHandle process = ProcessHandle.of(managed.run(EdgeWorkerClient::pid)).orElseThrow();
    process.destroyForcibly();
    process.onExit().get(30, TimeUnit.SECONDS);
    assertEquals(ManagedWorker.LOST_CONNECTION, reasons.poll(60, TimeUnit.SECONDS));
    return managed;
  }

  @Test
  void runAfterTheWorkerWasKilledFailsWithItsExitStatus() throws Exception {
    Worker<EdgeWorker> handle = EdgeWorkerRpc.spawn(EdgeWorkerImpl.class,
        SpawnOptions.named("managed-dies").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    try (ManagedWorker<EdgeWorker, EdgeWorkerClient> managed = killedThroughItsConnection(handle)) {
      WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> managed.run(EdgeWorkerClient::pid));
      assertTrue(e.getMessage().startsWith("worker managed-dies died with exit status 137"), e.getMessage());
      assertEquals(137, e.exitCode().orElseThrow());
      // Said again on every later run, the same way.
      assertEquals(e.getMessage(), assertThrows(WorkerDiedException.class, () -> managed.run(EdgeWorkerClient::pid))
          .getMessage());
    }
  }

  @Test
  void runAfterTheDeathOfAWorkerSpawnedElsewhereSaysItIsGone() throws Exception {
    Worker<EdgeWorker> spawned = EdgeWorkerRpc.spawn(EdgeWorkerImpl.class,
        SpawnOptions.named("managed-foreign").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    // The handle as another process would pass it on: an id this process did not spawn, so it
    // knows nothing of the worker's exit (as for a worker served by another process).
    Worker<EdgeWorker> handle = new Worker<>(spawned.interfaceName(), spawned.fingerprint(), spawned.host(),
        spawned.port(), "elsewhere-" + spawned.id(), spawned.name(), spawned.tls());
    try (ManagedWorker<EdgeWorker, EdgeWorkerClient> managed = killedThroughItsConnection(handle)) {
      WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> managed.run(EdgeWorkerClient::pid));
      assertTrue(e.getMessage().startsWith("worker managed-foreign is gone: the connection to it was lost, and "
          + spawned.host() + ":" + spawned.port() + " now refuses connections"), e.getMessage());
      assertTrue(e.exitCode().isEmpty());
      assertTrue(e.getCause() instanceof ConnectionException, String.valueOf(e.getCause()));
      assertTrue(e.getCause().getMessage().contains("Connection refused"), e.getCause().getMessage());
    }
  }
}
