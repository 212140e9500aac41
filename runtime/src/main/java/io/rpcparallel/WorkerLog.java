package io.rpcparallel;

import io.rpcparallel.internal.exec.WorkerMdc;
import io.rpcparallel.internal.log.LogHub;
import io.rpcparallel.internal.log.TeeLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of this worker process, which every worker streams to whoever subscribes with
 * {@link WorkerControl#logs()}.
 *
 * <p><b>What the stream carries.</b> rpc-parallel depends only on the SLF4J API, which offers no
 * portable way to observe the events a binding receives, so the stream is fed by bridges, one per
 * binding, each publishing every record its binding accepts (whatever logger it was logged
 * through):
 * <ul>
 *   <li>Logback: the {@code rpc-parallel-logback} module's appender;
 *   <li>Log4j 2: the {@code rpc-parallel-log4j2} module's appender;
 *   <li>{@code java.util.logging}: {@link WorkerLogHandler}, in this runtime.
 * </ul>
 * A spawned worker installs them as it starts, on its binding's root logger, when they are on its
 * class path (the JUL handler when JUL is SLF4J's binding or SLF4J has none); each can also be
 * configured by hand in the binding's configuration, and is then not added a second time.
 *
 * <p>Without a bridge for the binding in use, the stream carries what is logged <em>through this
 * class</em>: loggers from {@link #logger(Class)} are ordinary SLF4J loggers: every record still
 * goes to your binding, as before, and is also published to the log stream's subscribers, when its
 * level is {@code INFO} or above or the binding's logger has its level enabled. Records logged
 * directly through {@code LoggerFactory} loggers then reach the binding only. To stream a record
 * from elsewhere, call {@link #publish}.
 *
 * <p><b>Each record once.</b> While a bridge covers the binding that a {@code WorkerLog} logger
 * logs to, that logger publishes nothing itself: its records reach the stream through the bridge,
 * like any other, exactly when the binding accepts them (a record below the binding's level is then
 * not streamed either). So whatever mix of bridges and {@code WorkerLog} loggers a worker has, a
 * record is published once. Routing one binding into another that is bridged as well
 * (jul-to-slf4j into Logback, with {@link WorkerLogHandler} also on JUL's root logger) would
 * publish twice: bridge the binding where records end up.
 *
 * <p><b>The worker's name.</b> A spawned worker puts its name (its id if it has none) in the SLF4J
 * MDC under {@link #MDC_KEY} on every thread of the runtime (the threads that run calls, the event
 * loops, the executor), so a pattern such as {@code %X{rpc.worker}} shows it; every record it
 * publishes carries it in {@link LogRecord#mdc()}, from threads of its own too.
 *
 * <p>Publishing never blocks the logging thread, and costs a check of a volatile field while
 * nobody subscribes: each subscriber has a bounded buffer, and a subscriber that lags by more
 * than that loses records (it is then sent a {@code WARN} record saying how many).
 */
public final class WorkerLog {
  /** The SLF4J MDC key under which a spawned worker's threads, and its records, carry its name. */
  public static final String MDC_KEY = WorkerMdc.KEY;

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
