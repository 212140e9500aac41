package io.rpcparallel.log4j2;

import io.rpcparallel.LogRecord;
import io.rpcparallel.internal.log.LogHub;
import io.rpcparallel.internal.log.Records;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.spi.StandardLevel;
import org.slf4j.event.Level;

/**
 * A Log4j 2 appender that publishes every event it is given to this worker's log stream
 * ({@code WorkerControl.logs()}): level, logger name, thread name, formatted message, the
 * exception's stack trace and the context map (the MDC).
 *
 * <p>An appender sees the events of the loggers it is attached to, and of their descendants up to
 * the first logger with {@code additivity="false"}. A spawned worker that has this module on its
 * class path adds one, as it starts, to the root logger of Log4j's configuration and to every
 * logger of it that is not additive, unless the configuration has one already (configured by
 * hand), and again after Log4j reconfigures itself; a logger made non-additive later, by code
 * rather than configuration, is not covered. To configure it by hand (in a master too, for an
 * in-process server's log stream), in {@code log4j2.xml}, on the root logger and on each logger
 * that is not additive:
 * <pre>{@code
 * <Appenders>
 *   <RpcParallelWorkerLog name="workerLog"/>
 * </Appenders>
 * <Loggers>
 *   <Root level="info"><AppenderRef ref="workerLog"/></Root>
 *   <Logger name="com.example.audit" additivity="false">
 *     <AppenderRef ref="auditFile"/><AppenderRef ref="workerLog"/>
 *   </Logger>
 * </Loggers>}</pre>
 *
 * <p>While started, it covers the SLF4J loggers of {@code log4j-slf4j2-impl}: {@code WorkerLog}'s
 * loggers no longer publish their own copy of what they log through Log4j, which reaches the
 * stream through this appender. While nobody subscribes to the stream, an event costs a volatile
 * read.
 */
@Plugin(name = WorkerLogAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class WorkerLogAppender extends AbstractAppender {
  /** The appender's element name in a Log4j configuration. */
  public static final String PLUGIN_NAME = "RpcParallelWorkerLog";
  /** log4j-slf4j2-impl's SLF4J logger, whose events reach Log4j's appenders. */
  private static final String SLF4J_LOGGER = "org.apache.logging.slf4j.Log4jLogger";

  private WorkerLogAppender(String name, Filter filter) {
    super(name, filter, null, true, Property.EMPTY_ARRAY);
  }

  /**
   * {@return an appender named {@code name}} Log4j calls it for each {@code RpcParallelWorkerLog}
   * element of a configuration.
   *
   * @param name the appender's name ({@code rpc-parallel-worker-log} if absent)
   * @param filter the appender's filter, if any
   */
  @PluginFactory
  public static WorkerLogAppender create(@PluginAttribute("name") String name, @PluginElement("Filter") Filter filter) {
    return new WorkerLogAppender(name == null ? "rpc-parallel-worker-log" : name, filter);
  }

  /** Starts publishing, and covers Log4j's SLF4J loggers. */
  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    super.start();
    LogHub.get().cover(SLF4J_LOGGER);
  }

  /** Stops publishing, and no longer covers Log4j's SLF4J loggers. */
  @Override
  public boolean stop(long timeout, TimeUnit unit) {
    boolean wasStarted = isStarted();
    boolean stopped = super.stop(timeout, unit);
    if (wasStarted) {
      LogHub.get().uncover(SLF4J_LOGGER);
    }
    return stopped;
  }

  @Override
  public void append(LogEvent e) {
    LogHub hub = LogHub.get();
    if (!hub.hasSubscribers()) {
      return;
    }
    // The event may be reused once this returns (garbage-free logging): everything is read now.
    org.apache.logging.log4j.core.time.Instant t = e.getInstant();
    hub.publish(new LogRecord(Instant.ofEpochSecond(t.getEpochSecond(), t.getNanoOfSecond()), level(e.getLevel()),
        Objects.toString(e.getLoggerName(), ""), Objects.toString(e.getThreadName(), ""),
        e.getMessage() == null ? "null" : Objects.toString(e.getMessage().getFormattedMessage()),
        Optional.ofNullable(e.getThrown()).map(Records::stackTrace), Records.mdc(e.getContextData().toMap())));
  }

  private static Level level(org.apache.logging.log4j.Level l) {
    int v = l.intLevel();
    if (v <= StandardLevel.ERROR.intLevel()) {
      return Level.ERROR;
    }
    if (v <= StandardLevel.WARN.intLevel()) {
      return Level.WARN;
    }
    if (v <= StandardLevel.INFO.intLevel()) {
      return Level.INFO;
    }
    return v <= StandardLevel.DEBUG.intLevel() ? Level.DEBUG : Level.TRACE;
  }
}
