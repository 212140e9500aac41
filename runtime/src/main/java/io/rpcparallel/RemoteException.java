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

  public RemoteException(String worker, String remoteClass, String remoteMessage,
      List<StackTraceElement> remoteStack) {
    super(remoteClass + (remoteMessage == null ? "" : ": " + remoteMessage) + " (in worker " + worker + ")");
    this.worker = worker;
    this.remoteClass = remoteClass;
    this.remoteMessage = remoteMessage;
    setStackTrace(remoteStack.toArray(new StackTraceElement[0]));
  }

  /** The class name of the exception thrown in the worker. */
  public String remoteClass() {
    return remoteClass;
  }

  /** Its message, or null. */
  public String remoteMessage() {
    return remoteMessage;
  }

  /** The name (or id) of the worker it was thrown in. */
  public String worker() {
    return worker;
  }
}
