package io.rpcparallel.examples.remote;

import io.rpcparallel.HowToRun;
import io.rpcparallel.MapReduce;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;
import io.rpcparallel.examples.quickstart.CounterClient;
import io.rpcparallel.examples.quickstart.CounterConfig;
import io.rpcparallel.examples.quickstart.CounterImpl;
import io.rpcparallel.examples.quickstart.CounterRpc;
import io.rpcparallel.examples.sum.SumWorkerImpl;
import io.rpcparallel.examples.sum.SumWorkerRpc;
import java.time.Duration;
import java.util.List;

/**
 * Workers on another machine: {@code RemoteExampleRpcParallelMain HOST [SLURM_WORKERS]} runs a
 * worker on {@code HOST} over ssh (under {@code nice}), then a map-reduce over a pool of one local
 * worker, two on {@code HOST} and {@code SLURM_WORKERS} Slurm job steps (none by default). It needs
 * an ssh host that lets this user in with a key, with a JDK (see docs/remote-hosts.md).
 */
@RpcParallelApp
public final class RemoteExample {
  private RemoteExample() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: RemoteExampleRpcParallelMain HOST [SLURM_WORKERS]");
      System.exit(2);
    }
    String host = args[0];
    int slurmWorkers = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    // snippet:how
    HowToRun ssh = HowToRun.ssh(host);                                // over ssh
    HowToRun slurm = HowToRun.slurm().withTimeLimit(Duration.ofHours(2)) // one Slurm job step per worker
        .withCpusPerTask(1).withMemory("500M");
    HowToRun niced = HowToRun.wrap(ssh, List.of("nice", "-n", "10")); // a command in front of the worker

    try (CounterClient c = CounterRpc.spawnAndConnect(CounterImpl.class, new CounterConfig(0),
        SpawnOptions.named("remote-1").withHowToRun(niced))) {
      c.add(1);
      // snippet-hide
      System.out.println("remote-1 on " + c.control().worker().host() + ": " + c.add(1)
          + (c.control().encrypted() ? ", over TLS" : ", in the clear"));
      // end-hide
    }

    // One pool: 1 local worker, 2 over ssh, and slurmWorkers through Slurm.
    MapReduceConfig config = MapReduceConfig.local(1).withWorkers(ssh, 2);
    if (slurmWorkers > 0) {
      config = config.withWorkers(slurm, slurmWorkers);
    }
    // end-snippet
    long total = MapReduce.mapReduceCommutative(config,
        (index, options) -> SumWorkerRpc.spawnAndConnect(SumWorkerImpl.class, options),
        List.of(10, 100, 1000, 10_000), (worker, n) -> worker.async().sum(n), Long::sum).orElseThrow();
    System.out.println("sum of the sums: " + total);
  }
}
