package io.rpcparallel.it;

import io.rpcparallel.annotations.RpcWorker;

/**
 * A worker with worker state (a total built from the init arg, shared by every connection) and
 * connection state (a user and a total per connection, built from the connect arg).
 */
@RpcWorker(init = Long.class, connectArg = String.class)
public interface SessionWorker {
  /** Adds to the worker's total, shared by every connection; returns the new total. */
  long addShared(long delta);

  /** Adds to this connection's own total; returns the new total. */
  long addMine(long delta);

  /** The user this connection was opened for. */
  String user();
}
