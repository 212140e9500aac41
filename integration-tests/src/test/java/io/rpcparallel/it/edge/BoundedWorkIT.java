package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.RpcSettings;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.it.NoLeftoverWorkers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker runs at most {@code max_calls_in_flight} calls of one connection at once and stops
 * reading it past that, so a flood of calls costs a bounded number of threads and bytes.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BoundedWorkIT {
  private static final int CAP = RpcSettings.DEFAULTS.maxCallsInFlight();
  /** Threads a worker has besides its calls: event loops, executors, JVM threads. */
  private static final int BASE_THREADS = 64;

  @Test
  void hundredThousandCallsInFlightUseBoundedThreadsAndHeap() throws Exception {
    try (EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("flood"))) {
      // Each call sleeps long enough that, unbounded, thousands would be running at once.
      int calls = 100_000;
      long millis = 20;
      List<CompletableFuture<Long>> futures = new ArrayList<>(calls);
      for (int i = 0; i < calls; i++) {
        futures.add(w.async().sleep(millis));
      }
      long sum = 0;
      for (CompletableFuture<Long> f : futures) {
        sum += f.get(120, TimeUnit.SECONDS);
      }
      assertEquals(calls * millis, sum);
      int peak = w.peakThreads();
      assertTrue(peak <= CAP + BASE_THREADS, "the worker ran " + peak + " threads at once");
      long heap = w.heapUsed();
      assertTrue(heap < 64L << 20, "the worker holds " + heap + " bytes of heap after the flood");
    }
  }

  @Test
  void methodsWaitingOnEachOtherAcrossTheCapComplete() throws Exception {
    Worker<EdgeWorker> handle = EdgeWorkerRpc.spawn(EdgeWorkerImpl.class,
        SpawnOptions.named("waiters").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    try (EdgeWorkerClient waiter = EdgeWorkerRpc.connect(handle); EdgeWorkerClient opener = EdgeWorkerRpc.connect(handle)) {
      // More waiters than one connection may run: the rest wait unread until the first ones return.
      List<CompletableFuture<Boolean>> waiting = new ArrayList<>();
      for (int i = 0; i < CAP + 50; i++) {
        waiting.add(waiter.async().await("gate"));
      }
      // The other connection is not held up by the first one's cap.
      assertEquals("through", opener.echo("through"));
      opener.open("gate");
      for (CompletableFuture<Boolean> f : waiting) {
        assertTrue(f.get(60, TimeUnit.SECONDS));
      }
      int peak = opener.peakThreads();
      assertTrue(peak <= CAP + BASE_THREADS, "the worker ran " + peak + " threads at once");
      opener.control().shutdown();
    }
  }
}
