package io.rpcparallel.it.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.RemoteException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.it.Await;
import io.rpcparallel.it.NoLeftoverWorkers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @OnEventLoop} against a real worker process: such a method runs on the worker's event
 * loop thread, a default one on its call pool, and results stay right under concurrency.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OnEventLoopIT {
  /** How the runtime names its event loop threads, and its call pool's. */
  private static final String LOOP = "rpc-parallel-io-";
  private static final String POOL = "rpc-parallel-call-";

  @Test
  void anOnEventLoopMethodRunsOnTheLoopAndADefaultOneDoesNot() throws Exception {
    try (LoopWorkerClient w = LoopWorkerRpc.spawnAndConnect(LoopWorkerImpl.class, SpawnOptions.named("loop"))) {
      String onLoop = w.threadOnLoop(1);
      assertTrue(onLoop.startsWith(LOOP) && onLoop.endsWith(" 1"), onLoop);
      String onPool = w.threadOnPool(2);
      assertTrue(onPool.startsWith(POOL) && onPool.endsWith(" 2"), onPool);
      // A future-returning method runs on the loop too; its answer waits for its future.
      String later = Await.result(w.later(3));
      assertTrue(later.startsWith(LOOP) && later.endsWith(" 3"), later);
    }
  }

  @Test
  void theAnnotationOnTheInterfaceAppliesToEveryMethod() {
    try (AllOnLoopClient w = AllOnLoopRpc.spawnAndConnect(AllOnLoopImpl.class, SpawnOptions.named("all-on-loop"))) {
      String thread = w.thread();
      assertTrue(thread.startsWith(LOOP), thread);
    }
  }

  @Test
  void anExceptionFailsTheCallAndTheLoopServesOn() throws Exception {
    try (LoopWorkerClient w = LoopWorkerRpc.spawnAndConnect(LoopWorkerImpl.class, SpawnOptions.named("loop-fail"))) {
      RemoteException e = assertThrows(RemoteException.class, () -> w.refuse(7));
      assertEquals("java.lang.IllegalStateException", e.remoteClass());
      assertEquals("refused 7", e.remoteMessage());
      Throwable async = Await.failure(w.async().refuse(8));
      assertTrue(async instanceof RemoteException re && "refused 8".equals(re.remoteMessage()), async.toString());
      assertEquals(31 * 2 + 3, w.mix(2, 3));
    }
  }

  @Test
  void resultsAreRightUnderConcurrency() throws Exception {
    int threads = 8;
    int calls = 2_000;
    try (LoopWorkerClient w = LoopWorkerRpc.spawnAndConnect(LoopWorkerImpl.class, SpawnOptions.named("loop-many"))) {
      ExecutorService callers = Executors.newFixedThreadPool(threads);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          long thread = t;
          results.add(callers.submit(() -> {
            // Blocking calls on the loop and on the pool, one-way calls, and pipelined async
            // calls, interleaved over one connection.
            List<CompletableFuture<Long>> inFlight = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
              long got = w.mix(thread, i);
              if (got != thread * 31 + i) {
                return "mix(" + thread + ", " + i + ") = " + got;
              }
              w.add(i);
              inFlight.add(w.async().mix(i, thread));
              if (i % 100 == 0) {
                String pooled = w.threadOnPool(i);
                if (!pooled.startsWith(POOL) || !pooled.endsWith(" " + i)) {
                  return "threadOnPool(" + i + ") = " + pooled;
                }
              }
            }
            for (int i = 0; i < calls; i++) {
              long got = Await.result(inFlight.get(i));
              if (got != i * 31L + thread) {
                return "async mix(" + i + ", " + thread + ") = " + got;
              }
            }
            return "ok";
          }));
        }
        for (Future<String> r : results) {
          assertEquals("ok", r.get(100, TimeUnit.SECONDS));
        }
      } finally {
        callers.shutdownNow();
      }
      // One-way calls run on the loop in the order they were read: a later call on the same
      // connection, on the same loop, sees every one of them.
      assertEquals(threads * (long) calls * (calls - 1) / 2, w.total());
    }
  }
}
