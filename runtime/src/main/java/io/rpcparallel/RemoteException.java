package io.rpcparallel;

import java.util.List;

/**
 * A worker method threw. Carries the remote exception's class, message and stack trace (as this
 * exception's stack trace, after the local one is dropped); the worker lives on.
 */
public final class RemoteException extends RpcException {
  private static final long serialVersionUID = 1L;

  private final String remoteClass;
  private final String remoteMessage;
  private final String worker;

  /**
   * Creates the exception from what the worker sent.
   *
   * @param worker the name (or id) of the worker the exception was thrown in
   * @param remoteClass the class name of the exception thrown in the worker
   * @param remoteMessage its message, or null
   * @param remoteStack its stack trace, which becomes this exception's
   */
  public RemoteException(String worker, String remoteClass, String remoteMessage,
      List<StackTraceElement> remoteStack) {
    super(remoteClass + (remoteMessage == null ? "" : ": " + remoteMessage) + " (in worker " + worker + ")");
    this.worker = worker;
    this.remoteClass = remoteClass;
    this.remoteMessage = remoteMessage;
    setStackTrace(remoteStack.toArray(new StackTraceElement[0]));
  }

  /** {@return the class name of the exception thrown in the worker} */
  public String remoteClass() {
    return remoteClass;
  }

  /** {@return its message, or null} */
  public String remoteMessage() {
    return remoteMessage;
  }

  /** {@return the name (or id) of the worker it was thrown in} */
  public String worker() {
    return worker;
  }
}
