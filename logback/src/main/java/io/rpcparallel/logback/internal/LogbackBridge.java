package io.rpcparallel.logback.internal;

import io.rpcparallel.internal.log.LogBridge;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Adds a {@link io.rpcparallel.logback.WorkerLogAppender} to Logback's root logger and to every
 * logger that is not additive in a spawned worker whose SLF4J binding is Logback. Registered for
 * {@link java.util.ServiceLoader}; not API.
 */
public final class LogbackBridge implements LogBridge {
  /** Logback's SLF4J logger factory. */
  private static final String LOGBACK_FACTORY = "ch.qos.logback.classic.LoggerContext";

  /** Made by {@link java.util.ServiceLoader}. */
  public LogbackBridge() {}

  @Override
  public void install() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    // Named, not referenced: this class loads where Logback is absent too.
    if (factory.getClass().getName().equals(LOGBACK_FACTORY)) {
      LogbackAttach.attach(factory);
    }
  }
}
