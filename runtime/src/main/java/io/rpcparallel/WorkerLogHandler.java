package io.rpcparallel;

import io.rpcparallel.internal.log.LogHub;
import io.rpcparallel.internal.log.Records;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * A {@code java.util.logging} handler that publishes every record it is given to this worker's
 * log stream ({@link WorkerControl#logs()}), with the logging thread's SLF4J MDC.
 *
 * <p>A spawned worker adds one to JUL's root logger as it starts when JUL is SLF4J's binding
 * (slf4j-jdk14 on the class path) or SLF4J has no binding, unless the root logger has one
 * already. Elsewhere, add it to the root logger by hand, in {@code logging.properties}:
 * <pre>{@code handlers = java.util.logging.ConsoleHandler, io.rpcparallel.WorkerLogHandler}</pre>
 * (its level, {@code ALL} by default, is {@code io.rpcparallel.WorkerLogHandler.level}), or in
 * code: {@code Logger.getLogger("").addHandler(new WorkerLogHandler())}. Do not add it where JUL's
 * records are also routed into another binding that streams them (jul-to-slf4j with
 * {@code rpc-parallel-logback}, say): each record would be published twice. The records of a
 * logger with {@code useParentHandlers=false} never reach the root logger's handlers: add one to
 * that logger too ({@code com.example.audit.handlers = io.rpcparallel.WorkerLogHandler}).
 *
 * <p>From its creation until {@link #close()}, SLF4J loggers of slf4j-jdk14 count as covered:
 * {@link WorkerLog}'s loggers in front of them no longer publish their records themselves,
 * since this handler does (see {@link WorkerLog}).
 */
public final class WorkerLogHandler extends Handler {
  /** slf4j-jdk14's SLF4J logger, whose records reach JUL's root logger's handlers. */
  private static final String JUL_SLF4J_LOGGER = "org.slf4j.jul.JDK14LoggerAdapter";
  /** JUL's message formatting ({@code {0}} parameters, resource bundles) without a layout. */
  private static final Formatter MESSAGES = new Formatter() {
    @Override
    public String format(java.util.logging.LogRecord r) {
      return formatMessage(r);
    }
  };

  private final Object lock = new Object();
  private boolean closed;

  /**
   * A handler at the level {@code logging.properties} gives {@code io.rpcparallel.WorkerLogHandler.level},
   * else {@code ALL}.
   */
  public WorkerLogHandler() {
    String level = LogManager.getLogManager().getProperty(WorkerLogHandler.class.getName() + ".level");
    java.util.logging.Level l = java.util.logging.Level.ALL;
    if (level != null) {
      try {
        l = java.util.logging.Level.parse(level.trim());
      } catch (IllegalArgumentException e) {
        reportError("bad level " + level, e, 0);
      }
    }
    setLevel(l);
    LogHub.get().cover(JUL_SLF4J_LOGGER);
  }

  /**
   * Publishes {@code record} to the log stream's subscribers, if there are any and the record
   * passes this handler's level and filter.
   *
   * @param record the JUL record
   */
  @Override
  public void publish(java.util.logging.LogRecord record) {
    LogHub hub = LogHub.get();
    if (record == null || !hub.hasSubscribers() || !isLoggable(record)) {
      return;
    }
    String message;
    try {
      message = MESSAGES.formatMessage(record);
    } catch (RuntimeException e) {
      message = record.getMessage();
    }
    hub.publish(new LogRecord(record.getInstant(), level(record.getLevel()), Objects.toString(record.getLoggerName(), ""),
        Thread.currentThread().getName(), Objects.toString(message), Optional.ofNullable(record.getThrown())
            .map(Records::stackTrace), Records.mdc(MDC.getCopyOfContextMap())));
  }

  /** JUL's level as SLF4J's, as jul-to-slf4j maps them ({@code CONFIG} is {@code INFO}). */
  private static Level level(java.util.logging.Level l) {
    int v = l.intValue();
    if (v <= java.util.logging.Level.FINEST.intValue()) {
      return Level.TRACE;
    }
    if (v <= java.util.logging.Level.FINE.intValue()) {
      return Level.DEBUG;
    }
    if (v <= java.util.logging.Level.INFO.intValue()) {
      return Level.INFO;
    }
    if (v <= java.util.logging.Level.WARNING.intValue()) {
      return Level.WARN;
    }
    return Level.ERROR;
  }

  /** Does nothing: records go to subscribers as they are published. */
  @Override
  public void flush() {}

  /** Stops covering slf4j-jdk14's loggers; this handler publishes nothing more. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    setLevel(java.util.logging.Level.OFF);
    LogHub.get().uncover(JUL_SLF4J_LOGGER);
  }
}
