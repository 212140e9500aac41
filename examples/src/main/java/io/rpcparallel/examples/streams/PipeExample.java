package io.rpcparallel.examples.streams;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;
import java.util.List;

/** A pipe: the worker returns a publisher, the caller subscribes to it. */
@RpcParallelApp
public final class PipeExample {
  private PipeExample() {}

  public static void main(String[] args) {
    try (FeedsClient feeds = FeedsRpc.spawnAndConnect(FeedsImpl.class, SpawnOptions.named("pipe"))) {
      // snippet:pipe-caller
      Collect<Long> numbers = new Collect<>();
      feeds.countTo(5).subscribe(numbers);       // the call is sent on subscribe
      List<Long> all = numbers.all().join();     // onComplete once the worker's publisher completes
      // end-snippet
      System.out.println("pipe: " + all);
    }
  }
}
