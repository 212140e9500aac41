package io.rpcparallel.examples.streams;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;

/** A reverse pipe: the caller passes a publisher, the worker reads it and answers once. */
@RpcParallelApp
public final class ReversePipeExample {
  private ReversePipeExample() {}

  public static void main(String[] args) {
    try (FeedsClient feeds = FeedsRpc.spawnAndConnect(FeedsImpl.class, SpawnOptions.named("reverse-pipe"))) {
      // snippet:reverse-caller
      long sum = feeds.sum(new Range(1, 100_000));   // blocks until the worker has read them all
      // end-snippet
      System.out.println("reverse pipe: sum of 1..100000 = " + sum);
    }
  }
}
