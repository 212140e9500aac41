package io.rpcparallel.it;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Built once per worker process from the pool's parameter and the worker's index. */
public final class TasksImpl implements Tasks {
  private static final AtomicInteger INITS = new AtomicInteger();
  private final TaskInit init;

  public TasksImpl(TaskInit init) {
    this.init = init;
    INITS.incrementAndGet();
  }

  private void work() {
    if (init.delayMillis() > 0) {
      try {
        Thread.sleep(init.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override public TaskResult square(long x) {
    work();
    return new TaskResult(x * x, init.index(), INITS.get(), ProcessHandle.current().pid());
  }

  @Override public List<Long> singleton(long x) {
    work();
    return List.of(x);
  }

  @Override public Optional<Long> find(long x) {
    work();
    return x == init.needle() ? Optional.of(x) : Optional.empty();
  }
}
