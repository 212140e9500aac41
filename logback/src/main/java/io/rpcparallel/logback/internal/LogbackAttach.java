package io.rpcparallel.logback.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.rpcparallel.logback.WorkerLogAppender;
import org.slf4j.ILoggerFactory;

/** The part of {@link LogbackBridge} that names Logback's types: loaded only where Logback is the binding. */
final class LogbackAttach {
  private LogbackAttach() {}

  static void attach(ILoggerFactory factory) {
    LoggerContext context = (LoggerContext) factory;
    attachIfAbsent(context);
    // A reconfiguration (scan="true", say) stops and detaches every appender: add ours again
    // once it is done, unless the new configuration has its own. Event types by name: they differ
    // between Logback versions, and Logback before 1.3.6 has no such events (nor re-attaching).
    try {
      context.addConfigurationEventListener(event -> {
        if (event.getEventType().name().contains("CONFIGURATION_ENDED")) {
          attachIfAbsent(context);
        }
      });
    } catch (LinkageError e) {
      context.getLogger(LogbackAttach.class).debug("this Logback has no configuration events: the worker log"
          + " appender is not added again after a reconfiguration", e);
    }
  }

  private static synchronized void attachIfAbsent(LoggerContext context) {
    if (WorkerLogAppender.started() > 0) {
      return;
    }
    WorkerLogAppender appender = new WorkerLogAppender();
    appender.setContext(context);
    appender.setName("rpc-parallel-worker-log");
    appender.start();
    // An event goes up to the first logger that is not additive, or to the root: that one logger
    // of each event's way up has the appender, so each event reaches it once.
    for (Logger logger : context.getLoggerList()) {
      if (logger.getName().equals(Logger.ROOT_LOGGER_NAME) || !logger.isAdditive()) {
        logger.addAppender(appender);
      }
    }
  }
}
