package io.rpcparallel.it;

import io.rpcparallel.annotations.RpcWorker;

/**
 * A worker that logs through plain {@code LoggerFactory} loggers (and the other ways a program
 * logs), for the log stream's bridges to each SLF4J binding ({@link BindingLogsTest}).
 */
@RpcWorker
public interface BindingLogWorker {
  /** {@return the class name of SLF4J's logger factory: the binding this worker logs to} */
  String binding();

  /** Logs {@code "said " + message} at INFO; returns the worker name in this (call) thread's MDC. */
  String info(String message);

  /** Logs {@code "failed: " + message} at ERROR with an {@code IllegalStateException(message)}. */
  void error(String message);

  /** Logs {@code "quiet " + message} at DEBUG, below what the tests' configurations accept. */
  void debug(String message);

  /** Logs {@code "teed " + message} at INFO through a {@code WorkerLog} logger. */
  void teed(String message);

  /** Logs {@code "looped " + message} on an event loop; returns the worker name in that thread's MDC. */
  String onEventLoop(String message);

  /**
   * Logs {@code "alone " + message} at INFO through the logger {@code <this class>.alone}, which the
   * tests' Logback and Log4j configurations make non-additive.
   */
  void alone(String message);

  /** Clears this thread's MDC, as user code may; returns this thread's name. */
  String clearMdc();

  /** {@return this thread's name, a space, and the worker name in its MDC} */
  String threadAndMdc();

  /** Logs {@code "jul " + message} at INFO through a {@code java.util.logging} logger. */
  void jul(String message);

  /**
   * {@return the names of the appenders on Logback's or Log4j's root logger and on the logger
   * {@code <this class>.alone}, each list sorted: {@code [a, b] [c]}}
   */
  String appenders();

  /**
   * Makes Logback or Log4j configure itself again from its configuration file, as a change to it
   * would (by reflection: the binding is on the class path only at run time).
   */
  void reconfigure();
}
