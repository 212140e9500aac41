package io.rpcparallel.internal.mapreduce;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * Runs at most {@code limit} of its tasks at once on another executor, the rest after them in the
 * order given: a pool's local spawns, each of which holds a thread until its worker has
 * registered, hold {@code limit} threads however large the pool.
 */
final class Bounded implements Executor {
  private final Executor executor;
  private final int limit;
  private final Deque<Runnable> queued = new ArrayDeque<>();
  private int running;

  Bounded(Executor executor, int limit) {
    this.executor = executor;
    this.limit = limit;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (queued) {
      if (running >= limit) {
        queued.add(task);
        return;
      }
      running++;
    }
    executor.execute(() -> runFrom(task));
  }

  /** Runs {@code task}, then whatever was queued meanwhile, on this thread. */
  private void runFrom(Runnable task) {
    Runnable next = task;
    while (next != null) {
      try {
        next.run();
      } finally {
        synchronized (queued) {
          next = queued.poll();
          if (next == null) {
            running--;
          }
        }
      }
    }
  }
}
