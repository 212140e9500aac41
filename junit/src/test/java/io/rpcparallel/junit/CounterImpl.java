package io.rpcparallel.junit;

import io.rpcparallel.WorkerLog;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

public final class CounterImpl implements Counter {
  private static final Logger log = WorkerLog.logger(CounterImpl.class);
  private final AtomicLong total;

  public CounterImpl(Long start) {
    total = new AtomicLong(start);
  }

  @Override
  public long add(long delta) {
    return total.addAndGet(delta);
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public void log(String message) {
    log.info(message);
  }
}
