package io.rpcparallel.internal.log;

import io.rpcparallel.WorkerLogHandler;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Installs a spawned worker's bridges from its logging binding to the log stream. */
public final class LogBridges {
  private static final Logger LOG = LoggerFactory.getLogger(LogBridges.class);
  /** slf4j-jdk14's logger factory: SLF4J logs to {@code java.util.logging}. */
  static final String JUL_FACTORY = "org.slf4j.jul.JDK14LoggerFactory";
  /** SLF4J's factory when no provider is on the class path. */
  static final String NO_BINDING_FACTORY = "org.slf4j.helpers.NOPLoggerFactory";

  private LogBridges() {}

  /**
   * Installs every {@link LogBridge} on {@code loader}'s class path, and a
   * {@link WorkerLogHandler} on {@code java.util.logging}'s root logger when JUL is SLF4J's
   * binding (slf4j-jdk14) or SLF4J has none, unless the root logger has one already. A bridge that
   * fails is skipped (and logged at debug): logging must never stop a worker.
   */
  public static void install(ClassLoader loader) {
    Iterator<LogBridge> bridges = ServiceLoader.load(LogBridge.class, loader).iterator();
    while (true) {
      try {
        if (!bridges.hasNext()) {
          break;
        }
        bridges.next().install();
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        LOG.debug("a log bridge could not be installed", e);
      }
    }
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    if (factory.equals(JUL_FACTORY) || factory.equals(NO_BINDING_FACTORY)) {
      java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
      for (java.util.logging.Handler h : root.getHandlers()) {
        if (h instanceof WorkerLogHandler) {
          return;
        }
      }
      root.addHandler(new WorkerLogHandler());
    }
  }
}
