package io.rpcparallel.examples.eventloop;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;
import java.util.List;

/** {@code @OnEventLoop}: callers call such a method like any other. */
@RpcParallelApp
public final class PricesExample {
  private PricesExample() {}

  public static void main(String[] args) {
    try (PricesClient prices = PricesRpc.spawnAndConnect(PricesImpl.class, SpawnOptions.named("prices"))) {
      System.out.println("apple: " + prices.price("apple"));
      System.out.println("report: " + prices.rebuild(List.of("pear", "apple")).prices());
    }
  }
}
