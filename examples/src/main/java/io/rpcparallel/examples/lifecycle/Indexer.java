package io.rpcparallel.examples.lifecycle;

import io.rpcparallel.annotations.RpcWorker;

/** A worker that indexes in the background. */
@RpcWorker
public interface Indexer {
  /** Starts indexing {@code what} on a thread of the worker's own, and returns at once. */
  void startIndexing(String what);

  /** {@return how many times this worker was asked to index} */
  int requests();
}
