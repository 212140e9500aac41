package io.rpcparallel.examples.streams;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.annotations.RpcParallelApp;

/** A reverse direct pipe: the caller gets a writer and pushes items through it to the worker. */
@RpcParallelApp
public final class ReverseDirectPipeExample {
  private ReverseDirectPipeExample() {}

  public static void main(String[] args) {
    try (FeedsClient feeds = FeedsRpc.spawnAndConnect(FeedsImpl.class,
        SpawnOptions.named("reverse-direct-pipe"))) {
      // snippet:reverse-direct-caller
      StreamWriter<String> out = feeds.collect();
      for (String word : "to the worker, in order".split(" ")) {
        out.write(word);                             // waits while the worker has no room
      }
      out.close();                                   // the worker's subscriber gets onComplete
      // end-snippet
      System.out.println("reverse direct pipe: " + feeds.collected().join());
    }
  }
}
