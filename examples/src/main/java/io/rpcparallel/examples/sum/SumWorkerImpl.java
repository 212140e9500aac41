package io.rpcparallel.examples.sum;

/** Runs in each worker process. */
public final class SumWorkerImpl implements SumWorker {
  @Override
  public long sum(int n) {
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += i;
    }
    return total;
  }
}
