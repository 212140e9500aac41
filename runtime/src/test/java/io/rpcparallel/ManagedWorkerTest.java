package io.rpcparallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ManagedWorker}'s connection cache: opened on demand, shared, opened again after a loss
 * that is reported once, and never reported after {@code close} or {@code kill}. The connections
 * are {@link FakeWorker}s: the manager sees its worker only through the connect function.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ManagedWorkerTest {
  private final Worker<Object> handle = new Worker<>("Fake", "0", "127.0.0.1", 1, "managed-1", Optional.empty());
  private final List<FakeWorker> connections = new CopyOnWriteArrayList<>();
  // Reports may come on another thread: tests wait for them.
  private final LinkedBlockingQueue<String> reasons = new LinkedBlockingQueue<>();
  private final ManagedWorker<Object, FakeWorker> managed = ManagedWorker.of(handle, w -> {
    FakeWorker c = new FakeWorker(0, w.id());
    connections.add(c);
    return c;
  }, reasons::add);

  @AfterEach
  void closeTheManager() {
    managed.close();
  }

  private String nextReason() throws InterruptedException {
    String reason = reasons.poll(1, TimeUnit.MINUTES);
    assertNotNull(reason, "no report within a minute");
    return reason;
  }

  @Test
  void theConnectionIsOpenedOnDemandAndReused() {
    assertEquals(List.of(), connections, "nothing opened before the first call");
    FakeWorker first = managed.client();
    assertSame(first, managed.client());
    assertEquals(7L, (long) managed.run(c -> 7L));
    assertEquals(1, connections.size());
  }

  @Test
  void aLostConnectionIsReportedOnceAndTheNextCallConnectsAgain() throws Exception {
    FakeWorker first = managed.client();
    first.cut();
    assertEquals(ManagedWorker.LOST_CONNECTION, nextReason());
    FakeWorker second = managed.client();
    assertNotSame(first, second);
    assertEquals(2, connections.size());
    assertSame(second, managed.client());
    second.cut();
    assertEquals(ManagedWorker.LOST_CONNECTION, nextReason());
    assertEquals(List.of(), List.copyOf(reasons), "one report per lost connection");
  }

  @Test
  void aLossIsReportedEvenWhenACallerConnectsAgainBeforeTheManagerHearsIt() throws Exception {
    FakeWorker first = managed.client();
    AtomicReference<FakeWorker> early = new AtomicReference<>();
    // A future runs its last dependent first: this call comes after the connection closed, before
    // the manager's own dependent has heard it.
    first.closed().thenRun(() -> early.set(managed.client()));
    first.cut();
    assertEquals(ManagedWorker.LOST_CONNECTION, nextReason());
    assertNotSame(first, early.get());
    assertSame(early.get(), managed.client());
    assertEquals(List.of(), List.copyOf(reasons), "one report per lost connection");
  }

  @Test
  void closeWhileAConnectionOpensClosesItOnceOpenWithoutAReport() throws Exception {
    CountDownLatch connecting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ManagedWorker<Object, FakeWorker> slow = ManagedWorker.of(handle, w -> {
      connecting.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      FakeWorker c = new FakeWorker(0, w.id());
      connections.add(c);
      return c;
    }, reasons::add);
    CompletableFuture<FakeWorker> opening = CompletableFuture.supplyAsync(slow::client);
    assertTrue(connecting.await(1, TimeUnit.MINUTES));
    slow.close();
    release.countDown();
    FakeWorker c = opening.get(1, TimeUnit.MINUTES);
    assertTrue(c.closed().isDone(), "the connection close() found opening was closed once open");
    assertEquals(List.of(), List.copyOf(reasons));
    assertNotSame(c, slow.client());
    slow.close();
  }

  @Test
  void closeClosesTheConnectionWithoutAReportAndTheWorkerCanBeReachedAgain() throws Exception {
    FakeWorker first = managed.client();
    managed.close();
    assertTrue(first.closed().isDone());
    FakeWorker second = managed.client();
    assertNotSame(first, second);
    second.cut(); // a real loss after the close: its report is the only one
    assertEquals(ManagedWorker.LOST_CONNECTION, nextReason());
    assertEquals(List.of(), List.copyOf(reasons), "the close was reported");
  }

  @Test
  void killShutsTheWorkerDownWithoutAReportAndRefusesLaterCalls() {
    FakeWorker c = managed.client();
    managed.kill();
    assertEquals(1, c.shutdowns());
    assertTrue(c.closed().isDone());
    assertEquals(List.of(), List.copyOf(reasons));
    IllegalStateException e = assertThrows(IllegalStateException.class, managed::client);
    assertEquals("worker managed-1 was killed", e.getMessage());
  }

  @Test
  void aFailedConnectIsThrownAndTheNextCallTriesAgain() {
    AtomicInteger attempts = new AtomicInteger();
    ManagedWorker<Object, FakeWorker> flaky = ManagedWorker.of(handle, w -> {
      if (attempts.incrementAndGet() == 1) {
        throw new ConnectionException("refused");
      }
      return new FakeWorker(0, w.id());
    }, reasons::add);
    ConnectionException e = assertThrows(ConnectionException.class, flaky::client);
    assertEquals("refused", e.getMessage());
    FakeWorker c = flaky.client();
    assertSame(c, flaky.client());
    assertEquals(2, attempts.get());
    flaky.close();
    assertEquals(List.of(), List.copyOf(reasons));
  }

  @Test
  void aRefusedConnectAfterALossSaysTheWorkerIsGone() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    // The first connect is refused before any loss, the second works, then one is refused, one times out.
    ManagedWorker<Object, FakeWorker> dying = ManagedWorker.of(handle, w -> {
      switch (attempts.incrementAndGet()) {
        case 1, 3 -> throw new ConnectionException("could not connect: refused",
            new java.net.ConnectException("Connection refused"));
        case 4 -> throw new ConnectionException("could not connect: timed out",
            new io.netty.channel.ConnectTimeoutException("connection timed out"));
        default -> {
          return new FakeWorker(0, w.id());
        }
      }
    }, reasons::add);
    assertEquals("could not connect: refused", assertThrows(ConnectionException.class, dying::client).getMessage());
    dying.client().cut();
    assertEquals(ManagedWorker.LOST_CONNECTION, nextReason());
    WorkerDiedException e = assertThrows(WorkerDiedException.class, dying::client);
    assertTrue(e.getMessage().startsWith("worker managed-1 is gone: the connection to it was lost, and"
        + " 127.0.0.1:1 now refuses connections"), e.getMessage());
    assertTrue(e.exitCode().isEmpty());
    assertTrue(e.getCause() instanceof ConnectionException, String.valueOf(e.getCause()));
    // A timeout says nothing of the worker's end.
    assertEquals("could not connect: timed out", assertThrows(ConnectionException.class, dying::client).getMessage());
    dying.close();
  }

  @Test
  void concurrentCallersWithNoConnectionShareOneAttempt() throws Exception {
    int callers = 8;
    List<Thread> waiting = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    ManagedWorker<Object, FakeWorker> shared = ManagedWorker.of(handle, w -> {
      attempts.incrementAndGet();
      // Connect only once every other caller waits on this attempt (they would each connect if
      // attempts were not shared, and this would never see them wait).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!everyOtherParked(waiting, callers)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the other callers never waited for this attempt");
        }
        Thread.onSpinWait();
      }
      return new FakeWorker(0, w.id());
    }, reasons::add);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<FakeWorker>> got = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        got.add(pool.submit(() -> {
          waiting.add(Thread.currentThread());
          return shared.client();
        }));
      }
      FakeWorker first = got.get(0).get(1, TimeUnit.MINUTES);
      for (Future<FakeWorker> f : got) {
        assertSame(first, f.get(1, TimeUnit.MINUTES));
      }
      assertEquals(1, attempts.get());
    } finally {
      pool.shutdownNow();
      shared.close();
    }
  }

  private static boolean everyOtherParked(List<Thread> callers, int n) {
    if (callers.size() < n) {
      return false;
    }
    int parked = 0;
    for (Thread t : callers) {
      if (t != Thread.currentThread() && TestThreads.parked(t)) {
        parked++;
      }
    }
    return parked == n - 1;
  }
}
