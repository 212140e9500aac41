package io.rpcparallel.it;

import io.rpcparallel.WorkerLog;
import org.slf4j.Logger;

public final class LogWorkerImpl implements LogWorker {
  private static final Logger log = WorkerLog.logger(LogWorkerImpl.class);

  @Override
  public void info(String message) {
    log.info("said {}", message);
  }

  @Override
  public void error(String message) {
    log.error("failed: {}", message, new IllegalStateException(message));
  }
}
