package io.rpcparallel.it;

import io.rpcparallel.annotations.RpcWorker;

/** A worker that logs through {@code WorkerLog}, for the log stream built-in. */
@RpcWorker
public interface LogWorker {
  /** Logs {@code "said " + message} at INFO; returns once logged. */
  void info(String message);

  /** Logs {@code "failed: " + message} at ERROR with an {@code IllegalStateException(message)}. */
  void error(String message);
}
