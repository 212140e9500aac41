package io.rpcparallel;

import io.rpcparallel.internal.log.LogHub;
import io.rpcparallel.internal.log.TeeLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of this worker process, which every worker streams to whoever subscribes with
 * {@link WorkerControl#logs()}.
 *
 * <p>rpc-parallel depends only on the SLF4J API, and SLF4J offers no portable way to observe the
 * events a binding (Logback, Log4j 2, {@code java.util.logging}, …) receives. So the worker's log
 * stream carries what is logged <em>through this class</em>: use {@link #logger(Class)} where you
 * would use {@code LoggerFactory.getLogger}. Those loggers are ordinary SLF4J loggers: every
 * record still goes to your binding, as before, and is also published to the log stream's
 * subscribers. Records logged directly through {@code LoggerFactory} loggers reach the binding
 * only. To stream a record from elsewhere (a binding's appender you wrote, say), call
 * {@link #publish}.
 *
 * <p>A record is published when its level is {@code INFO} or above, or when the binding's logger
 * has its level enabled. Publishing never blocks the logging thread: each subscriber has a
 * bounded buffer, and a subscriber that lags by more than that loses records (it is then sent a
 * {@code WARN} record saying how many).
 */
public final class WorkerLog {
  private WorkerLog() {}

  /**
   * {@return an SLF4J logger named after {@code owner} whose records also go to the log stream}
   *
   * @param owner the class the logger is named after
   */
  public static Logger logger(Class<?> owner) {
    return logger(owner.getName());
  }

  /**
   * {@return an SLF4J logger named {@code name} whose records also go to the log stream}
   *
   * @param name the logger's name
   */
  public static Logger logger(String name) {
    return new TeeLogger(LoggerFactory.getLogger(name));
  }

  /**
   * Publishes {@code record} to the log stream's current subscribers only (not to the binding).
   *
   * @param record the record to publish
   */
  public static void publish(LogRecord record) {
    LogHub.get().publish(record);
  }
}
