package io.rpcparallel.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bursts run on few threads, and a task that blocks holds up no other. */
class BatchingExecutorTest {
  private final ExecutorService pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
      new SynchronousQueue<>(), Transport.daemonFactory("batching-test-"));
  private final BatchingExecutor batching = new BatchingExecutor(pool);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void aBurstOfShortTasksRunsWholeOnFewThreads() throws InterruptedException {
    int tasks = 10_000;
    CountDownLatch done = new CountDownLatch(tasks);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < tasks; i++) {
      batching.execute(() -> {
        threads.add(Thread.currentThread().getName());
        done.countDown();
      });
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertTrue(threads.size() < tasks / 10, threads.size() + " threads for " + tasks + " tasks");
  }

  @Test
  void aTaskThatBlocksHoldsUpNoOther() throws InterruptedException {
    // Each task but the last waits for the one queued after it: all finish only if none waits
    // behind another.
    int tasks = 50;
    CountDownLatch[] released = new CountDownLatch[tasks + 1];
    for (int i = 0; i <= tasks; i++) {
      released[i] = new CountDownLatch(1);
    }
    released[tasks].countDown();
    AtomicInteger finished = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(tasks);
    for (int i = 0; i < tasks; i++) {
      int me = i;
      batching.execute(() -> {
        released[me].countDown();
        try {
          if (released[me + 1].await(30, TimeUnit.SECONDS)) {
            finished.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        all.countDown();
      });
    }
    assertTrue(all.await(60, TimeUnit.SECONDS));
    assertEquals(tasks, finished.get());
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheOthers() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(2);
    batching.execute(() -> {
      done.countDown();
      throw new IllegalStateException("expected by the test");
    });
    batching.execute(done::countDown);
    assertTrue(done.await(30, TimeUnit.SECONDS));
  }
}
