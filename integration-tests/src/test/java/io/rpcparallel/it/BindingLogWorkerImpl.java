package io.rpcparallel.it;

import io.rpcparallel.WorkerLog;
import io.rpcparallel.internal.RunContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

public final class BindingLogWorkerImpl implements BindingLogWorker {
  private static final Logger log = LoggerFactory.getLogger(BindingLogWorkerImpl.class);
  private static final Logger alone = LoggerFactory.getLogger(BindingLogWorkerImpl.class.getName() + ".alone");
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
  public void alone(String message) {
    alone.info("alone {}", message);
  }

  @Override
  public String clearMdc() {
    MDC.clear();
    return Thread.currentThread().getName();
  }

  @Override
  public String threadAndMdc() {
    return Thread.currentThread().getName() + " " + MDC.get(WorkerLog.MDC_KEY);
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
  public String appenders() {
    String aloneName = BindingLogWorkerImpl.class.getName() + ".alone";
    Object factory = LoggerFactory.getILoggerFactory();
    try {
      List<Object> loggers = new ArrayList<>();
      switch (binding()) {
        case "ch.qos.logback.classic.LoggerContext" -> {
          for (String name : List.of(Logger.ROOT_LOGGER_NAME, aloneName)) {
            Object logger = factory.getClass().getMethod("getLogger", String.class).invoke(factory, name);
            List<String> names = new ArrayList<>();
            Iterator<?> it = (Iterator<?>) logger.getClass().getMethod("iteratorForAppenders").invoke(logger);
            while (it.hasNext()) {
              Object a = it.next();
              names.add((String) a.getClass().getMethod("getName").invoke(a));
            }
            loggers.add(names);
          }
        }
        case "org.apache.logging.slf4j.Log4jLoggerFactory" -> {
          Object context = Class.forName("org.apache.logging.log4j.LogManager").getMethod("getContext", boolean.class)
              .invoke(null, false);
          Object config = context.getClass().getMethod("getConfiguration").invoke(context);
          for (Object loggerConfig : List.of(config.getClass().getMethod("getRootLogger").invoke(config),
              config.getClass().getMethod("getLoggerConfig", String.class).invoke(config, aloneName))) {
            loggers.add(new ArrayList<>(((Map<?, ?>) loggerConfig.getClass().getMethod("getAppenders")
                .invoke(loggerConfig)).keySet()));
          }
        }
        default -> throw new UnsupportedOperationException("no appenders for " + binding());
      }
      return loggers.stream().map(l -> ((List<?>) l).stream().map(String::valueOf).sorted().toList().toString())
          .collect(Collectors.joining(" "));
    } catch (ReflectiveOperationException e) {
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
