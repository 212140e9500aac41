package io.rpcparallel;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.event.Level;

/**
 * One log record of a worker, as its log stream ({@link WorkerControl#logs()}) delivers it.
 *
 * @param time when it was logged
 * @param level its SLF4J level
 * @param logger the name of the logger it was logged through
 * @param thread the name of the thread that logged it
 * @param message the message, with its {@code {}} placeholders filled in
 * @param throwable the stack trace of the exception logged with it, as text, if there was one
 * @param mdc the logging thread's MDC (mapped diagnostic context) when it was logged; on a worker
 *     it holds the worker's name under {@link WorkerLog#MDC_KEY} (see {@link #worker()})
 */
public record LogRecord(Instant time, Level level, String logger, String thread, String message,
    Optional<String> throwable, Map<String, String> mdc) {
  /**
   * Holds a log record; no component, MDC key or MDC value may be null. The MDC is copied, in its
   * keys' order.
   *
   * @param time when it was logged
   * @param level its SLF4J level
   * @param logger the name of the logger it was logged through
   * @param thread the name of the thread that logged it
   * @param message the message, with its placeholders filled in
   * @param throwable the stack trace of the exception logged with it, as text, if there was one
   * @param mdc the logging thread's MDC when it was logged
   */
  public LogRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(throwable, "throwable");
    Objects.requireNonNull(mdc, "mdc");
    SortedMap<String, String> copy = new TreeMap<>();
    mdc.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "an MDC key"), Objects.requireNonNull(v, "an MDC value")));
    mdc = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Holds a log record with an empty MDC; no component may be null.
   *
   * @param time when it was logged
   * @param level its SLF4J level
   * @param logger the name of the logger it was logged through
   * @param thread the name of the thread that logged it
   * @param message the message, with its placeholders filled in
   * @param throwable the stack trace of the exception logged with it, as text, if there was one
   */
  public LogRecord(Instant time, Level level, String logger, String thread, String message,
      Optional<String> throwable) {
    this(time, level, logger, thread, message, throwable, Map.of());
  }

  /**
   * {@return the name of the worker that logged this record (its id if it has no name), from the
   * MDC} Records a worker publishes always carry it; one published elsewhere may not.
   */
  public Optional<String> worker() {
    return Optional.ofNullable(mdc.get(WorkerLog.MDC_KEY));
  }

  @Override
  public String toString() {
    return time + " " + level + " [" + thread + "] " + logger + " - " + message
        + throwable.map(t -> "\n" + t).orElse("");
  }
}
