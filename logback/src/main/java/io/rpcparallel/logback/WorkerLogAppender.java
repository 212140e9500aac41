package io.rpcparallel.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.rpcparallel.LogRecord;
import io.rpcparallel.internal.log.LogHub;
import io.rpcparallel.internal.log.Records;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Logback appender that publishes every event it is given to this worker's log stream
 * ({@code WorkerControl.logs()}): level, logger name, thread name, formatted message, the
 * exception's stack trace and the MDC.
 *
 * <p>An appender sees the events of the loggers it is attached to, and of their descendants up to
 * the first logger with {@code additivity="false"}. A spawned worker that has this module on its
 * class path adds one, as it starts, to Logback's root logger and to every logger that is not
 * additive then, unless one is started already (configured by hand), and again after Logback
 * reconfigures itself; a logger made non-additive later, by code rather than configuration, is
 * not covered. To configure it by hand (in a master too, for an in-process server's log stream),
 * in {@code logback.xml}, on the root logger and on each logger that is not additive:
 * <pre>{@code
 * <appender name="WORKER_LOG" class="io.rpcparallel.logback.WorkerLogAppender"/>
 * <root level="INFO">
 *   <appender-ref ref="WORKER_LOG"/>
 * </root>
 * <logger name="com.example.audit" additivity="false">
 *   <appender-ref ref="AUDIT_FILE"/>
 *   <appender-ref ref="WORKER_LOG"/>
 * </logger>}</pre>
 *
 * <p>While started, it covers Logback's SLF4J loggers: {@code WorkerLog}'s loggers no longer
 * publish their own copy of what they log through Logback, which reaches the stream through this
 * appender. While nobody subscribes to the stream, an event costs a volatile read.
 */
public final class WorkerLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** Logback's SLF4J logger, whose events its appenders see. */
  private static final String SLF4J_LOGGER = "ch.qos.logback.classic.Logger";
  private static final AtomicInteger STARTED = new AtomicInteger();

  /** An appender to be given a context and started, as Logback's configurators do. */
  public WorkerLogAppender() {}

  /** {@return how many appenders of this class are started in this process} */
  public static int started() {
    return STARTED.get();
  }

  /** Starts publishing, and covers Logback's SLF4J loggers. */
  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    super.start();
    STARTED.incrementAndGet();
    LogHub.get().cover(SLF4J_LOGGER);
  }

  /** Stops publishing, and no longer covers Logback's SLF4J loggers. */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    STARTED.decrementAndGet();
    LogHub.get().uncover(SLF4J_LOGGER);
  }

  @Override
  protected void append(ILoggingEvent e) {
    LogHub hub = LogHub.get();
    if (!hub.hasSubscribers()) {
      return;
    }
    Instant time = e.getInstant() != null ? e.getInstant() : Instant.ofEpochMilli(e.getTimeStamp());
    hub.publish(new LogRecord(time, level(e.getLevel()), Objects.toString(e.getLoggerName(), ""),
        Objects.toString(e.getThreadName(), ""), Objects.toString(e.getFormattedMessage()),
        stackTrace(e.getThrowableProxy()), Records.mdc(e.getMDCPropertyMap())));
  }

  private static org.slf4j.event.Level level(Level l) {
    int v = l.toInt();
    if (v >= Level.ERROR_INT) {
      return org.slf4j.event.Level.ERROR;
    }
    if (v >= Level.WARN_INT) {
      return org.slf4j.event.Level.WARN;
    }
    if (v >= Level.INFO_INT) {
      return org.slf4j.event.Level.INFO;
    }
    return v >= Level.DEBUG_INT ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.TRACE;
  }

  /** The exception as the other publishers print it; a proxy without one (a deserialised event) as Logback does. */
  private static Optional<String> stackTrace(IThrowableProxy proxy) {
    if (proxy == null) {
      return Optional.empty();
    }
    if (proxy instanceof ThrowableProxy p && p.getThrowable() != null) {
      return Optional.of(Records.stackTrace(p.getThrowable()));
    }
    return Optional.of(ThrowableProxyUtil.asString(proxy));
  }
}
