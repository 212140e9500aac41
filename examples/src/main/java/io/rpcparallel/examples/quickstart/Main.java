package io.rpcparallel.examples.quickstart;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;

/**
 * The quick start: spawns one {@link Counter} worker, calls it, and ends it by closing the
 * connection. Launch it through the generated {@code MainRpcParallelMain}.
 */
// snippet:main
@RpcParallelApp
public final class Main {
  public static void main(String[] args) {
    try (CounterClient c = CounterRpc.spawnAndConnect(CounterImpl.class, new CounterConfig(7),
                                                     SpawnOptions.named("counter-1"))) {
      System.out.println(c.add(3));                // 10, computed in the worker process
      c.async().add(5).thenAccept(System.out::println).join();
      // snippet-hide
      c.log("a line the worker counts");           // one-way: returns once sent
      System.out.println("total " + c.async().stats(new Window("now")).join().total());
      // end-hide
    }                                              // closing the connection ends the worker
  }
}
// end-snippet
