package io.rpcparallel.internal.exec;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * The name of the worker this process is, which the runtime's threads carry in their SLF4J MDC
 * under {@link #KEY}, so that a log pattern ({@code %X{rpc.worker}}) can show it. Set once a
 * spawned worker knows its name, before it starts serving: the threads of a {@link Transport}
 * start lazily and put it in their MDC as they start, and each call puts it back before its user
 * code runs ({@link #restore}) should an earlier call on that thread have cleared the MDC. In a
 * master it stays unset.
 */
public final class WorkerMdc {
  /** The MDC key, as {@code io.rpcparallel.WorkerLog.MDC_KEY} documents it. */
  public static final String KEY = "rpc.worker";

  private static volatile String name;

  private WorkerMdc() {}

  /** Makes {@code workerName} this process's worker name, and puts it in the calling thread's MDC. */
  public static void set(String workerName) {
    name = workerName;
    MDC.put(KEY, workerName);
  }

  /** {@return this process's worker name, if it is a worker that knows it} */
  public static Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Puts the worker name back in this thread's MDC if it is known and missing there (user code
   * cleared the MDC): before each call's user code, so a map lookup in the common case.
   */
  public static void restore() {
    String n = name;
    if (n != null && MDC.get(KEY) == null) {
      MDC.put(KEY, n);
    }
  }

  /** {@code task}, run with the worker name (if known when the thread starts) in its thread's MDC. */
  public static Runnable onThread(Runnable task) {
    return () -> {
      String n = name;
      if (n != null) {
        MDC.put(KEY, n);
      }
      task.run();
    };
  }
}
