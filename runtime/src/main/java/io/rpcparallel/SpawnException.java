package io.rpcparallel;

/** A spawn that could not finish: the message says why (the command, the worker's stderr, the timeout). */
public final class SpawnException extends RpcException {
  private static final long serialVersionUID = 1L;

  public SpawnException(String message) {
    super(message);
  }

  public SpawnException(String message, Throwable cause) {
    super(message, cause);
  }
}
