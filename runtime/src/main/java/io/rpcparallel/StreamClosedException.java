package io.rpcparallel;

/** A write to a stream that is closed: ended, cancelled by its reader, or its connection lost. */
public final class StreamClosedException extends RpcException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public StreamClosedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong
   * @param cause the exception that caused it
   */
  public StreamClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
