package io.rpcparallel;

/** The base of every exception rpc-parallel throws. Unchecked, like the calls it comes from. */
public class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RpcException(String message) {
    super(message);
  }

  public RpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
