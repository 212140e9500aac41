package io.rpcparallel.internal.exec;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a pool with as few thread hand-offs as it can, while no task ever waits behind one
 * that blocks. A task queued while some runner is free (started, or between two tasks) is left to
 * that runner; a runner about to run a task while others wait and no runner is free starts another
 * one first. So the completions of one read's replies, a burst of short tasks, run on one or two
 * pool threads instead of waking one each, and a callback that blocks only holds up itself.
 *
 * <p>Invariant: whenever the queue is not empty, at least one runner is free.
 */
public final class BatchingExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(BatchingExecutor.class);

  private final Executor pool;
  private final Object lock = new Object();
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  /** Runners started or between tasks: each will take from the queue before it ends. */
  private int free;
  private final Runnable runner = this::runTasks;

  /** Runs on {@code pool}, which must start every runner it is given (growing, or running it inline). */
  public BatchingExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    boolean start;
    synchronized (lock) {
      queue.add(task);
      start = free == 0;
      if (start) {
        free++;
      }
    }
    if (start) {
      pool.execute(runner);
    }
  }

  private void runTasks() {
    while (true) {
      Runnable task;
      boolean another = false;
      synchronized (lock) {
        task = queue.poll();
        free--;
        if (task == null) {
          return;
        }
        if (free == 0 && !queue.isEmpty()) {
          // This task may block: the ones behind it get a runner of their own.
          free++;
          another = true;
        }
      }
      if (another) {
        pool.execute(runner);
      }
      try {
        task.run();
      } catch (Throwable t) {
        // Tasks here complete futures; one that throws must not take the others' runner with it.
        log.warn("a callback failed", t);
      }
      synchronized (lock) {
        free++;
      }
    }
  }
}
