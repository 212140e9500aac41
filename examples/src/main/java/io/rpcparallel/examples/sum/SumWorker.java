package io.rpcparallel.examples.sum;

import io.rpcparallel.annotations.RpcWorker;

/** A worker that adds up numbers. */
@RpcWorker
public interface SumWorker {
  /** Returns 0 + 1 + … + (n - 1). */
  long sum(int n);
}
