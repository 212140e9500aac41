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
  public void reconfigure() {
    Object factory = LoggerFactory.getILoggerFactory();
    try {
      switch (binding()) {
        case "ch.qos.logback.classic.LoggerContext" -> {
          factory.getClass().getMethod("reset").invoke(factory);
          Class<?> initializer = Class.forName("ch.qos.logback.classic.util.ContextInitializer");
          initializer.getMethod("autoConfig").invoke(initializer.getConstructor(factory.getClass()).newInstance(factory));
        }
        case "org.apache.logging.slf4j.Log4jLoggerFactory" ->
            Class.forName("org.apache.logging.log4j.core.config.Configurator").getMethod("reconfigure").invoke(null);
        default -> throw new UnsupportedOperationException("no reconfiguration for " + binding());
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void jul(String message) {
    java.util.logging.Logger.getLogger(BindingLogWorkerImpl.class.getName()).info("jul " + message);
  }
}
