package io.rpcparallel.log4j2.internal;

import io.rpcparallel.log4j2.WorkerLogAppender;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/** The part of {@link Log4j2Bridge} that names Log4j Core's types: loaded only where it is present. */
final class Log4j2Attach {
  private Log4j2Attach() {}

  static void attach() {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return; // the Log4j API goes elsewhere (to SLF4J, say): nothing of Log4j Core's to attach to
    }
    attachIfAbsent(context, context.getConfiguration());
    // A reconfiguration replaces the configuration, and its appenders with it: add ours to the new
    // one, unless it has its own.
    context.addPropertyChangeListener(event -> {
      if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName()) && event.getNewValue() instanceof Configuration c) {
        attachIfAbsent(context, c);
      }
    });
  }

  private static synchronized void attachIfAbsent(LoggerContext context, Configuration config) {
    if (config.getAppenders().values().stream().anyMatch(WorkerLogAppender.class::isInstance)) {
      return;
    }
    WorkerLogAppender appender = WorkerLogAppender.create(null, null);
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, null, null);
    // An event goes up to the first logger configuration that is not additive, or to the root: that
    // one configuration of each event's way up has the appender, so each event reaches it once.
    for (LoggerConfig logger : config.getLoggers().values()) {
      if (!logger.isAdditive() && logger != config.getRootLogger()) {
        logger.addAppender(appender, null, null);
      }
    }
    context.updateLoggers(config);
  }
}
