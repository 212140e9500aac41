package io.rpcparallel.examples.state;

import io.rpcparallel.annotations.RpcWorker;

/** A worker with state of its own (a shared total) and state per connection (each user's total). */
// snippet:sessions
@RpcWorker(init = Long.class, connectArg = String.class)
public interface Sessions {
  long addShared(long delta);   // worker state
  long addMine(long delta);     // connection state
}
// end-snippet
