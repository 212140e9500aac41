package io.rpcparallel.examples.managed;

import io.rpcparallel.ManagedWorker;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.annotations.RpcParallelApp;
import io.rpcparallel.examples.quickstart.Counter;
import io.rpcparallel.examples.quickstart.CounterClient;
import io.rpcparallel.examples.quickstart.CounterConfig;
import io.rpcparallel.examples.quickstart.CounterImpl;
import io.rpcparallel.examples.quickstart.CounterRpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A managed worker: one cached connection, opened on demand and again after it is lost; the worker
 * outlives its connections ({@code HEARTBEAT_TIMEOUT}) until {@code kill()}.
 */
@RpcParallelApp
public final class ManagedExample {
  private static final Logger log = LoggerFactory.getLogger(ManagedExample.class);

  private ManagedExample() {}

  public static void main(String[] args) {
    CounterConfig init = new CounterConfig(0);
    // snippet:managed
    Worker<Counter> handle = CounterRpc.spawn(CounterImpl.class, init,
        SpawnOptions.defaults().withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    ManagedWorker<Counter, CounterClient> managed =
        ManagedWorker.of(handle, CounterRpc::connect, reason -> log.warn(reason));
    long total = managed.run(c -> c.add(1));
    // snippet-hide
    System.out.println("total " + total);
    managed.close();                                 // closes the connection; the worker lives on
    System.out.println("total " + managed.run(c -> c.add(1)) + ", over a new connection");
    // end-hide
    managed.kill();   // shuts the worker down; no callback
    // end-snippet
    System.out.println("killed");
  }
}
