package io.rpcparallel.examples.streams;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StateStream;
import io.rpcparallel.annotations.RpcParallelApp;

/** A state call: a value at once, then a stream of its updates. */
@RpcParallelApp
public final class StateCallExample {
  private StateCallExample() {}

  public static void main(String[] args) {
    try (FeedsClient feeds = FeedsRpc.spawnAndConnect(FeedsImpl.class, SpawnOptions.named("state-call"))) {
      // snippet:state-caller
      StateStream<Long, Long> clock = feeds.clock(3);
      System.out.println("state: " + clock.initial());   // at once
      Collect<Long> updates = new Collect<>();
      clock.updates().subscribe(updates);
      System.out.println("updates: " + updates.all().join());
      // end-snippet
    }
  }
}
