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
