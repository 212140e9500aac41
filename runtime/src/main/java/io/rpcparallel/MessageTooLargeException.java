package io.rpcparallel;

/** A message larger than the max message size; raised before anything is sent. */
public final class MessageTooLargeException extends RpcException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public MessageTooLargeException(String message) {
    super(message);
  }
}
