package io.rpcparallel.internal.log;

import io.rpcparallel.internal.exec.WorkerMdc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What every publisher of the log stream (WorkerLog's loggers, the bindings' bridges) puts in a record alike. */
public final class Records {
  /** The longest stack trace text a record carries, so a record stays a small frame. */
  private static final int MAX_THROWABLE_CHARS = 16 * 1024;

  private Records() {}

  /** {@code t}'s stack trace as {@link Throwable#printStackTrace()} prints it, cut at 16 KiB. */
  public static String stackTrace(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    String s = sw.toString();
    return s.length() <= MAX_THROWABLE_CHARS ? s : s.substring(0, MAX_THROWABLE_CHARS) + "\n\t... (truncated)";
  }

  /**
   * The MDC a record carries: {@code context} (null: empty) without null keys or values, and this
   * worker's name where {@code context} lacks it (a thread the runtime did not start).
   */
  public static Map<String, String> mdc(Map<String, String> context) {
    Optional<String> worker = WorkerMdc.name();
    if ((context == null || context.isEmpty()) && worker.isEmpty()) {
      return Map.of();
    }
    Map<String, String> m = new HashMap<>();
    if (context != null) {
      context.forEach((k, v) -> {
        if (k != null && v != null) {
          m.put(k, v);
        }
      });
    }
    worker.ifPresent(w -> m.putIfAbsent(WorkerMdc.KEY, w));
    return m;
  }
}
