package io.rpcparallel.it;

import io.rpcparallel.WorkerLog;
import org.slf4j.Logger;

public final class DashWorkerImpl implements DashWorker {
  private static final Logger log = WorkerLog.logger(DashWorkerImpl.class);
  private final long delayMillis;

  public DashWorkerImpl(Long delayMillis) {
    this.delayMillis = delayMillis;
  }

  @Override
  public long square(long x) {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (x % 10 == 0) {
      log.info("squared input {}", x);
    }
    return x * x;
  }

  @Override
  public void say(String message) {
    log.info("said {}", message);
  }

  @Override
  public void fail(String message) {
    throw new IllegalArgumentException(message);
  }
}
