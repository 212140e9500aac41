package io.rpcparallel;

/** A write to a stream that is closed: ended, cancelled by its reader, or its connection lost. */
public final class StreamClosedException extends RpcException {
  private static final long serialVersionUID = 1L;

  public StreamClosedException(String message) {
    super(message);
  }

  public StreamClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
