package io.rpcparallel.it;

import io.rpcparallel.WorkerLog;
import io.rpcparallel.internal.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

public final class BindingLogWorkerImpl implements BindingLogWorker {
  private static final Logger log = LoggerFactory.getLogger(BindingLogWorkerImpl.class);
  private static final Logger teed = WorkerLog.logger(BindingLogWorkerImpl.class);

  @Override
  public String binding() {
    return LoggerFactory.getILoggerFactory().getClass().getName();
  }

  @Override
  public String info(String message) {
    log.info("said {}", message);
    return MDC.get(WorkerLog.MDC_KEY);
  }

  @Override
  public void error(String message) {
    log.error("failed: {}", message, new IllegalStateException(message));
  }

  @Override
  public void debug(String message) {
    log.debug("quiet {}", message);
  }

  @Override
  public void teed(String message) {
    teed.info("teed {}", message);
  }

  @Override
  public String onEventLoop(String message) {
    try {
      return RunContext.transport().group().next().submit(() -> {
        log.info("looped {}", message);
        return MDC.get(WorkerLog.MDC_KEY);
      }).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void jul(String message) {
    java.util.logging.Logger.getLogger(BindingLogWorkerImpl.class.getName()).info("jul " + message);
  }
}
