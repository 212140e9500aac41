package io.rpcparallel;

/**
 * A connection could not be opened or authenticated, or was lost: refused, timed out, a failed
 * handshake, an interface mismatch, missed heartbeats.
 */
public final class ConnectionException extends RpcException {
  private static final long serialVersionUID = 1L;

  public ConnectionException(String message) {
    super(message);
  }

  public ConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
