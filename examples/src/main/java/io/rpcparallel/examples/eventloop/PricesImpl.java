package io.rpcparallel.examples.eventloop;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs in each {@link Prices} worker. */
public final class PricesImpl implements Prices {
  private final Map<String, Long> prices = Map.of("apple", 30L, "pear", 45L);

  @Override
  public long price(String sku) {
    return prices.getOrDefault(sku, -1L);   // a lookup in memory: never blocks
  }

  @Override
  public Report rebuild(List<String> skus) {
    Map<String, Long> report = new TreeMap<>();
    for (String sku : skus) {
      report.put(sku, price(sku));
    }
    return new Report(report, Thread.currentThread().getName());
  }
}
