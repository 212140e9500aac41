package io.rpcparallel.examples.sum;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Spawns a few {@link SumWorker} processes in parallel, asks each for a sum, and prints the
 * results. Launch it through the generated {@code SumDemoRpcParallelMain}.
 */
@RpcParallelApp
public final class SumDemo {
  private SumDemo() {}

  public static void main(String[] args) {
    int workers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    long start = System.nanoTime();
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      int n = 10_000_000 * (i + 1);
      String name = "sum-" + i;
      results.add(CompletableFuture.supplyAsync(() -> {
        // Closing the connection ends the worker (the default shutdown mode).
        try (SumWorkerClient worker = SumWorkerRpc.spawnAndConnect(SumWorkerImpl.class, SpawnOptions.named(name))) {
          long sum = worker.sum(n);
          return String.format("%s on port %d: sum(%d) = %d", name, worker.control().worker().port(), n, sum);
        }
      }));
    }
    for (CompletableFuture<String> r : results) {
      System.out.println(r.join());
    }
    System.out.printf("%d workers spawned, called and shut down in %d ms%n", workers,
        (System.nanoTime() - start) / 1_000_000);
  }
}
