package io.rpcparallel.examples.logging;

import io.rpcparallel.annotations.RpcWorker;

/** A worker that logs what it does. */
@RpcWorker
public interface Chatty {
  /** Does {@code task}, logging it. */
  void work(String task);
}
