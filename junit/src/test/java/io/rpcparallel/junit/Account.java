package io.rpcparallel.junit;

import io.rpcparallel.annotations.RpcWorker;

/** A worker whose connections have state of their own, built from a connect argument. */
@RpcWorker(init = Long.class, connectArg = String.class)
public interface Account {
  /** The user this connection was opened for (its connect argument). */
  String user();

  /** The worker's balance, which starts at the init value. */
  long balance();

  /** The worker's process id. */
  long pid();
}
