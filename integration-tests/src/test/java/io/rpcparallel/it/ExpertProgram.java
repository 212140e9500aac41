package io.rpcparallel.it;

import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import java.util.List;

/**
 * A program with its own sub-commands that uses the expert entry points: {@code tools worker}
 * is where it mounts the worker command; {@code run} is its master.
 */
public final class ExpertProgram {
  private ExpertProgram() {}

  public static void main(String[] args) {
    if (args.length >= 2 && args[0].equals("tools") && args[1].equals("worker")) {
      RpcParallel.workerCommand().run();
      return;
    }
    if (args.length >= 2 && args[0].equals("tools") && args[1].equals("early-worker")) {
      // Spawning before the worker has read its configuration is refused, with the way out.
      try {
        ProbeWorkerRpc.spawn(ProbeWorkerImpl.class, SpawnOptions.defaults());
        System.setProperty("rpc.it.early", "spawn succeeded");
      } catch (IllegalStateException e) {
        System.setProperty("rpc.it.early", e.getMessage());
      }
      RpcParallel.workerCommand().run();
      return;
    }
    if (args.length == 1 && args[0].equals("run-early")) {
      RpcParallel.startMasterServer(List.of("tools", "early-worker"));
      try (ProbeWorkerClient w = ProbeWorkerRpc.spawnAndConnect(ProbeWorkerImpl.class, SpawnOptions.defaults())) {
        System.out.println("EARLY " + w.property("rpc.it.early"));
      }
      return;
    }
    if (args.length == 1 && args[0].equals("run-unrouted")) {
      // The program does not route these args to the worker command: the child prints usage and exits 2.
      RpcParallel.startMasterServer(List.of("tools", "nothing-here"));
      try {
        ProbeWorkerRpc.spawn(ProbeWorkerImpl.class, SpawnOptions.named("unrouted"));
        System.out.println("SPAWN-ERROR none");
      } catch (io.rpcparallel.SpawnException e) {
        System.out.println("SPAWN-ERROR " + e.getMessage().replace('\n', '|'));
      }
      return;
    }
    if (args.length == 1 && args[0].equals("run")) {
      RpcParallel.startMasterServer(List.of("tools", "worker"));
      try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(41),
          SpawnOptions.named("expert-child"))) {
        System.out.println("RESULT " + w.add(1));
        System.out.println("ARGS " + String.join(" ", w.commandLine()));
        System.out.println("NESTED " + w.tryStartMaster());
      }
      System.out.println("DONE");
      return;
    }
    System.err.println("usage: run | tools worker");
    System.exit(2);
  }
}
