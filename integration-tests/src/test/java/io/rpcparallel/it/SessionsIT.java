package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.ConnectionException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Worker state and connection state, against real worker processes. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SessionsIT {
  private static SpawnOptions options(String name) {
    return SpawnOptions.named(name).withSpawnTimeout(Duration.ofSeconds(60));
  }

  @Test
  void twoConnectionsShareWorkerStateWhileConnectionStateStaysApart() throws Exception {
    Worker<SessionWorker> handle = SessionWorkerRpc.spawn(SessionWorkerImpl.class, 100L, options("sessions"));
    try (SessionWorkerClient ann = SessionWorkerRpc.connect(handle, "ann"); // first: closing it ends the worker
        SessionWorkerClient bob = SessionWorkerRpc.connect(handle, "bob")) {
      assertEquals(101, ann.addShared(1));
      assertEquals(103, bob.addShared(2), "worker state is shared");
      assertEquals(5, ann.addMine(5));
      assertEquals(7, bob.addMine(7), "connection state is per connection");
      assertEquals(6, ann.addMine(1));
      assertEquals("ann", ann.user());
      assertEquals("bob", bob.user());
      assertEquals(110, Await.result(ann.async().addShared(7)));
    }
  }

  @Test
  void spawnAndConnectBuildsTheFirstConnectionsState() {
    try (SessionWorkerClient cid = SessionWorkerRpc.spawnAndConnect(SessionWorkerImpl.class, 0L, "cid",
        options("sessions-first"))) {
      assertEquals("cid", cid.user());
      assertEquals(3, cid.addMine(3));
    }
  }

  @Test
  void aFailingConnectionStateFailsConnectWithItsTextAndTheWorkerServesOthers() {
    Worker<SessionWorker> handle = SessionWorkerRpc.spawn(SessionWorkerImpl.class, 0L, options("sessions-refuse"));
    try (SessionWorkerClient ann = SessionWorkerRpc.connect(handle, "ann")) {
      assertEquals(1, ann.addMine(1));
      ConnectionException e = assertThrows(ConnectionException.class,
          () -> SessionWorkerRpc.connect(handle, "refused-rob"));
      assertTrue(e.getMessage().endsWith("java.lang.IllegalArgumentException: no session for refused-rob"),
          e.getMessage());
      assertEquals(2, ann.addMine(1), "the other connection keeps working");
      try (SessionWorkerClient dee = SessionWorkerRpc.connect(handle, "dee")) {
        assertEquals("dee", dee.user(), "and the worker accepts new ones");
        assertEquals(1, dee.addShared(1));
      }
    }
  }
}
