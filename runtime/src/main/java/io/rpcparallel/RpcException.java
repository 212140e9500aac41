package io.rpcparallel;

/** The base of every exception rpc-parallel throws. Unchecked, like the calls it comes from. */
public class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public RpcException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong
   * @param cause the exception that caused it
   */
  public RpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
