package io.rpcparallel;

/** A message that does not decode as the interface says: truncated, corrupt, or out of range. */
public final class WireFormatException extends RpcException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public WireFormatException(String message) {
    super(message);
  }
}
