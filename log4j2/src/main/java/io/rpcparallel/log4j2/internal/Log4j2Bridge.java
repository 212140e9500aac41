package io.rpcparallel.log4j2.internal;

import io.rpcparallel.internal.log.LogBridge;

/**
 * Adds a {@link io.rpcparallel.log4j2.WorkerLogAppender} to the root logger of Log4j's
 * configuration and to every logger of it that is not additive, in a spawned worker where Log4j
 * Core implements the Log4j API (as it does behind log4j-slf4j2-impl). Registered for
 * {@link java.util.ServiceLoader}; not API.
 */
public final class Log4j2Bridge implements LogBridge {
  /** Made by {@link java.util.ServiceLoader}. */
  public Log4j2Bridge() {}

  @Override
  public void install() {
    try {
      // Named, not referenced: this class loads where Log4j is absent too.
      Class.forName("org.apache.logging.log4j.core.LoggerContext", false, Log4j2Bridge.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return;
    }
    Log4j2Attach.attach();
  }
}
