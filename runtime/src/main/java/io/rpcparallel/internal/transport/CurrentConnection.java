package io.rpcparallel.internal.transport;

/** The connection state of the worker method running on this thread (see {@code ConnectionContext}). */
public final class CurrentConnection {
  private static final ThreadLocal<Object> STATE = new ThreadLocal<>();

  private CurrentConnection() {}

  /** The state, or null. */
  public static Object state() {
    return STATE.get();
  }

  /** Runs {@code body} with {@code state} as this thread's connection state. */
  static void with(Object state, ThrowingRunnable body) throws Exception {
    Object previous = STATE.get();
    STATE.set(state);
    try {
      body.run();
    } finally {
      if (previous == null) {
        STATE.remove();
      } else {
        STATE.set(previous);
      }
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
