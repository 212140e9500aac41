package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.MapReduce;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.MapResults;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.WorkerStatus;
import io.rpcparallel.internal.spawn.Spawner;
import io.rpcparallel.it.Await;
import io.rpcparallel.it.NoLeftoverWorkers;
import io.rpcparallel.it.StderrCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A worker told to shut down lets its calls in flight finish before it closes their connections. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShutdownOrderIT {
  @Test
  void shutdownWithSlowCallsInFlightAnswersEveryOne() throws Exception {
    EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("draining"));
    long pid = w.pid();
    List<CompletableFuture<Long>> slow = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      slow.add(w.async().sleep(1_000));
    }
    // All ten are running once a later call on another thread of the worker has been answered.
    assertEquals("running", w.echo("running"));
    w.control().shutdown();
    int answered = 0;
    for (CompletableFuture<Long> f : slow) {
      try {
        assertEquals(1_000L, f.get(30, TimeUnit.SECONDS));
        answered++;
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof WorkerDiedException, "not a clear failure: " + e.getCause());
      }
    }
    assertEquals(10, answered, "every call in flight finishes within the shutdown grace");
    java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isPresent()) {
      process.get().onExit().get(30, TimeUnit.SECONDS);
    }
    w.close();
  }

  @Test
  void aShutdownTheMasterAskedForIsNotPrintedOnItsTerminal() throws Exception {
    try (StderrCapture err = new StderrCapture()) {
      EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("quiet-end"));
      String id = w.control().worker().id();
      w.control().shutdown();
      w.close();
      // Everything the worker wrote to stderr has been copied once it has exited and its pipe was read to its end.
      Spawner.get().outputCopied(id).get(60, TimeUnit.SECONDS);
      assertFalse(err.text().contains("shutdown requested"), err.text());
    }
  }

  @Test
  void aMapReducePoolsWorkersEndWithoutALineOnTheMastersTerminal() throws Exception {
    Set<String> earlier = RpcParallel.status().workers().stream().map(WorkerStatus::id).collect(Collectors.toSet());
    try (StderrCapture err = new StderrCapture()) {
      List<String> echoed = new ArrayList<>();
      try (MapResults<String> results = MapReduce.map(MapReduceConfig.local(2),
          (i, options) -> EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, options), List.of("a", "b", "c", "d"),
          (w, x) -> w.async().echo(x))) {
        results.forEachRemaining(echoed::add);
      }
      assertEquals(List.of("a", "b", "c", "d"), echoed);
      // The pool's workers, as status() lists them (it shows workers for a minute after their exit).
      List<String> pool = RpcParallel.status().workers().stream()
          .filter(s -> !earlier.contains(s.id()) && s.interfaceName().equals(EdgeWorker.class.getCanonicalName()))
          .map(WorkerStatus::id).toList();
      assertEquals(2, pool.size(), pool.toString());
      for (String id : pool) {
        Spawner.get().outputCopied(id).get(60, TimeUnit.SECONDS);
      }
      assertFalse(err.text().contains("shutdown requested"), err.text());
    }
  }

  @Test
  void rpcParallelShutdownStopsTheRuntimeAndItStartsAgain() throws InterruptedException {
    // Threads other tests' own transports or fixtures may have left: not this runtime's to stop.
    Set<Thread> others = runtimeThreads().stream()
        .filter(t -> !t.getName().matches("rpc-parallel-(io|exec|call)-\\d+")).collect(Collectors.toSet());
    long pid;
    try (EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("before"))) {
      assertEquals("a", w.echo("a"));
      pid = w.pid();
    }
    RpcParallel.shutdown(Duration.ofSeconds(5));
    // The worker follows its master, so it may exit after the shutdown: its exit starts no runtime again.
    Await.exit(pid);
    // Every thread of the runtime ends, those started meanwhile too, well within the minute an idle
    // pool thread would wait (ignoring interruption, which kept mvn exec:java waiting 15 s at exit).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<Thread> left;
    while (!(left = runtimeThreads().stream().filter(t -> !others.contains(t)).toList()).isEmpty()
        && System.nanoTime() < deadline) {
      for (Thread t : left) {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    }
    assertTrue(left.isEmpty(), "threads outlived RpcParallel.shutdown: " + left);
    try (EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("after"))) {
      assertEquals("b", w.echo("b"));
    }
  }

  /** The live threads named {@code rpc-parallel-*}. */
  private static List<Thread> runtimeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("rpc-parallel-")).toList();
  }
}
