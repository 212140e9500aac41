package io.rpcparallel;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
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
 */
public record LogRecord(Instant time, Level level, String logger, String thread, String message,
    Optional<String> throwable) {
  /**
   * Holds a log record; no component may be null.
   *
   * @param time when it was logged
   * @param level its SLF4J level
   * @param logger the name of the logger it was logged through
   * @param thread the name of the thread that logged it
   * @param message the message, with its placeholders filled in
   * @param throwable the stack trace of the exception logged with it, as text, if there was one
   */
  public LogRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(throwable, "throwable");
  }

  @Override
  public String toString() {
    return time + " " + level + " [" + thread + "] " + logger + " - " + message
        + throwable.map(t -> "\n" + t).orElse("");
  }
}
