package io.rpcparallel.examples.streams;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;

/** One-way calls: each returns once sent, with no reply; the worker runs it later. */
@RpcParallelApp
public final class OneWayExample {
  private OneWayExample() {}

  public static void main(String[] args) {
    try (FeedsClient feeds = FeedsRpc.spawnAndConnect(FeedsImpl.class, SpawnOptions.named("one-way"))) {
      // snippet:oneway-caller
      feeds.note("first");                           // returns once sent
      feeds.note("second");
      System.out.println("one-way: " + feeds.notes(2).size() + " notes arrived");
      // end-snippet
    }
  }
}
