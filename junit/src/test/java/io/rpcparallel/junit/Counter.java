package io.rpcparallel.junit;

import io.rpcparallel.annotations.RpcWorker;

/** The worker interface the extension's tests spawn. */
@RpcWorker(init = Long.class)
public interface Counter {
  /** Adds to the worker's running total (which starts at the init value) and returns it. */
  long add(long delta);

  /** The worker's process id. */
  long pid();

  /** Logs {@code message} at INFO through the worker's log stream. */
  void log(String message);
}
