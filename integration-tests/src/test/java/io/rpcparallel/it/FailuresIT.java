package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.Foreground;
import io.rpcparallel.ManagedWorker;
import io.rpcparallel.Redirect;
import io.rpcparallel.RemoteException;
import io.rpcparallel.RpcException;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Background failures, early stderr, bad implementations, self-shutdowns and managed workers. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailuresIT {

  @Test
  void aBackgroundExceptionReachesOnFailureTaggedWithTheNameAndTheWorkerExits254() throws Exception {
    CompletableFuture<RemoteException> failure = new CompletableFuture<>();
    Foreground<ProbeWorkerClient> fg = ProbeWorkerRpc.spawnForeground(ProbeWorkerImpl.class,
        SpawnOptions.named("bg-failer").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT).withOnFailure(failure::complete));
    try (ProbeWorkerClient c = fg.client()) {
      c.failInBackground("background boom");
      RemoteException e = Await.result(failure);
      assertEquals("bg-failer", e.worker());
      assertEquals("java.lang.IllegalStateException", e.remoteClass());
      assertEquals("background boom", e.remoteMessage());
      assertEquals(254, Await.exit(fg.process()));
    }
  }

  @Test
  void stderrBeforeTheRedirectionReachesTheMasterPrefixedAndStdoutIsDropped() throws Exception {
    try (StderrCapture capture = new StderrCapture()) {
      long pid;
      try (ProbeWorkerClient c = ProbeWorkerRpc.spawnAndConnect(ChattyInitWorker.class,
          SpawnOptions.named("chatty").withStderr(Redirect.discard()).withStdout(Redirect.discard()))) {
        pid = c.pid();
        c.printErr("after the redirection");
      }
      Await.exit(pid);
      String text = capture.await("[WORKER chatty STDERR]: stderr before redirect");
      assertFalse(text.contains("stdout before redirect"), text);
      assertFalse(text.contains("after the redirection"), text);
    }
  }

  @Test
  void implementationsThatCannotBeBuiltAreRefusedBeforeSpawning() {
    long children = ProcessHandle.current().children().count();
    IllegalArgumentException ctor = assertThrows(IllegalArgumentException.class,
        () -> ProbeWorkerRpc.spawn(StringCtorWorker.class, SpawnOptions.defaults()));
    assertEquals(StringCtorWorker.class.getName() + " has no no-argument constructor (a worker's implementation"
        + " is built from the init argument given at spawn)", ctor.getMessage());
    IllegalArgumentException abs = assertThrows(IllegalArgumentException.class,
        () -> ProbeWorkerRpc.spawn(AbstractProbeWorker.class, SpawnOptions.defaults()));
    assertTrue(abs.getMessage().contains("is abstract"), abs.getMessage());
    class Local extends ProbeWorkerImpl {}
    IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
        () -> ProbeWorkerRpc.spawn(Local.class, SpawnOptions.defaults()));
    assertTrue(local.getMessage().contains("make it a top-level or static nested class"), local.getMessage());
    assertEquals(children, ProcessHandle.current().children().count());
  }

  @Test
  void aWorkerWithNoClientWithinTheConnectionTimeoutExitsByItself() throws Exception {
    try (StderrCapture capture = new StderrCapture()) {
      Worker<ProbeWorker> h = ProbeWorkerRpc.spawn(ProbeWorkerImpl.class,
          SpawnOptions.named("lonely").withConnectionTimeout(Duration.ofSeconds(2)));
      capture.await("[WORKER lonely STDERR]: no client connected within PT2S. Shutting down.");
      // Gone already (and reaped) if it is no longer among this JVM's children.
      Optional<ProcessHandle> child = ProcessHandle.current().children()
          .filter(p -> Procs.arguments(p.pid()).contains("lonely"))
          .findFirst();
      if (child.isPresent()) {
        Await.exit(child.get().pid());
      }
      assertThrows(RpcException.class, () -> ProbeWorkerRpc.connect(h));
    }
  }

  @Test
  void aWorkerWithoutConfigurationOnStdinGivesUpAtTheHandshakeTimeout(@TempDir Path tmp) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.rpcparallel.internal.worker.WorkerMain",
        "--rpc-parallel-worker");
    pb.environment().put("RPC_PARALLEL_WORKER", "by-hand");
    pb.environment().put("RPC_PARALLEL_RPC_SETTINGS", "handshake_timeout=1s");
    // To a file rather than a pipe: reading a pipe could not be given a deadline.
    Path errFile = tmp.resolve("stderr.txt");
    Process p = pb.redirectError(errFile.toFile()).start(); // its stdin stays open and silent
    try {
      assertEquals(1, Await.exit(p));
      String err = Files.readString(errFile);
      assertTrue(err.contains("no configuration from the master within PT1S. Shutting down."), err);
    } finally {
      p.getOutputStream().close();
      p.destroyForcibly();
    }
  }

  @Test
  void managedWorkerReconnectsOnDemandAndReportsALostConnectionOnce() throws Exception {
    Worker<ProbeWorker> real = ProbeWorkerRpc.spawn(ProbeWorkerImpl.class,
        SpawnOptions.named("managed").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    try (TcpProxy proxy = new TcpProxy(real.port())) {
      Worker<ProbeWorker> viaProxy = new Worker<>(real.interfaceName(), real.fingerprint(), real.host(),
          proxy.port(), real.id(), real.name());
      java.util.concurrent.LinkedBlockingQueue<String> reasons = new java.util.concurrent.LinkedBlockingQueue<>();
      AtomicInteger connects = new AtomicInteger();
      int callers = 8;
      AtomicInteger arrived = new AtomicInteger();
      CountDownLatch allArrived = new CountDownLatch(callers);
      ManagedWorker<ProbeWorker, ProbeWorkerClient> managed = ManagedWorker.of(viaProxy, w -> {
        connects.incrementAndGet();
        try {
          allArrived.await(30, TimeUnit.SECONDS); // every caller is now waiting on this one attempt
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return ProbeWorkerRpc.connect(w);
      }, reasons::add);

      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        List<Future<Long>> pids = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          pids.add(pool.submit(() -> {
            arrived.incrementAndGet();
            allArrived.countDown();
            return managed.run(ProbeWorkerClient::pid);
          }));
        }
        long pid = Await.result(pids.get(0));
        for (Future<Long> f : pids) {
          assertEquals(pid, Await.result(f));
        }
        assertEquals(1, connects.get(), "concurrent callers should share one connection attempt");

        ProbeWorkerClient first = managed.client();
        proxy.cutAll();
        Await.result(first.control().closed());
        // The report runs on the executor, beside this test's own wait for the close.
        assertEquals("Lost connection with worker", reasons.poll(60, TimeUnit.SECONDS));

        // The next call connects again, through the proxy, to the same live worker.
        assertEquals(pid, (long) managed.run(ProbeWorkerClient::pid));
        assertEquals(2, connects.get());
        assertEquals(2, proxy.accepted());

        ProbeWorkerClient second = managed.client();
        managed.kill();
        Await.result(second.control().closed());
        Await.exit(pid);
        assertEquals(List.of(), List.copyOf(reasons), "kill must not call onConnectionClosed");
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
