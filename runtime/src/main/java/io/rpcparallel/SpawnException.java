package io.rpcparallel;

/** A spawn that could not finish: the message says why (the command, the worker's stderr, the timeout). */
public final class SpawnException extends RpcException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public SpawnException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong
   * @param cause the exception that caused it
   */
  public SpawnException(String message, Throwable cause) {
    super(message, cause);
  }
}
