package io.rpcparallel;

/**
 * A connection could not be opened or authenticated, or was lost: refused, timed out, a failed
 * handshake, an interface mismatch, missed heartbeats.
 */
public final class ConnectionException extends RpcException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public ConnectionException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong
   * @param cause the exception that caused it
   */
  public ConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
