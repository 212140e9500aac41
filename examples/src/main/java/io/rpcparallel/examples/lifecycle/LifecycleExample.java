package io.rpcparallel.examples.lifecycle;

import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.annotations.RpcParallelApp;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The built-ins, the shutdown modes and background failures: a worker spawned in
 * {@code EXPLICIT} mode outlives its connections until {@code shutdown()}, and one whose own thread
 * fails reports it to {@code onFailure} and exits.
 */
@RpcParallelApp
public final class LifecycleExample {
  private LifecycleExample() {}

  public static void main(String[] args) throws Exception {
    // snippet:explicit
    Worker<Indexer> worker = IndexerRpc.spawn(IndexerImpl.class,
        SpawnOptions.named("explicit").withShutdownOn(ShutdownOn.EXPLICIT));
    try (IndexerClient first = IndexerRpc.connect(worker)) {
      first.startIndexing("books");
      System.out.println("heartbeat interval: " + first.control().settings().heartbeatInterval());
    }                                                // the worker lives on
    try (IndexerClient again = IndexerRpc.connect(worker)) {
      System.out.println("requests so far: " + again.requests());
      again.control().shutdown();                    // returns once the worker has acknowledged
    }
    // end-snippet
    System.out.println("shut down");

    // snippet:on-failure
    BlockingQueue<String> alerts = new LinkedBlockingQueue<>();
    SpawnOptions options =
        SpawnOptions.named("indexer").withOnFailure(e -> alerts.add(e.worker() + ": " + e.remoteMessage()));
    // end-snippet
    try (IndexerClient indexer = IndexerRpc.spawnAndConnect(IndexerImpl.class, options)) {
      indexer.startIndexing("corrupt");
      System.out.println("alert: " + alerts.poll(30, TimeUnit.SECONDS));
      indexer.control().closed().get(30, TimeUnit.SECONDS);   // the worker exits with status 254
      System.out.println("then the worker exited");
    }
  }
}
