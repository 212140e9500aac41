package io.rpcparallel;

import java.util.OptionalInt;

/** The worker went away while calls were in flight: its process ended or its connection was lost. */
public final class WorkerDiedException extends RpcException {
  private static final long serialVersionUID = 1L;

  private final transient OptionalInt exitCode;

  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param exitCode the worker's exit status, if known
   */
  public WorkerDiedException(String message, OptionalInt exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /**
   * {@return the worker's exit status} Present where this process spawned the worker and saw it
   * end (128+N for signal N).
   */
  public OptionalInt exitCode() {
    return exitCode == null ? OptionalInt.empty() : exitCode;
  }
}
