package io.rpcparallel.examples.expert;

import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.examples.serve.GreeterClient;
import io.rpcparallel.examples.serve.GreeterImpl;
import io.rpcparallel.examples.serve.GreeterRpc;
import java.util.Arrays;
import java.util.List;

/**
 * A program that routes its own command line (no {@code @RpcParallelApp}): {@code Tools greet NAME}
 * greets through a worker, and {@code Tools tools worker …}, which only rpc-parallel runs, is that
 * worker. Launch it as {@code java -cp … io.rpcparallel.examples.expert.Tools greet world}.
 */
public final class Tools {
  private Tools() {}

  public static void main(String[] args) {
    List<String> command = Arrays.asList(args);
    // snippet:route
    if (command.size() >= 2 && command.get(0).equals("tools") && command.get(1).equals("worker")) {
      // Where the program handles "tools worker …":
      RpcParallel.workerCommand().run();
      // or, in two steps: RpcParallel.startWorkerServer(RpcParallel.workerInitBeforeStart());
      return;
    }
    // In the master, once, before the first spawn:
    RpcParallel.startMasterServer(List.of("tools", "worker"));
    // end-snippet
    if (command.size() == 2 && command.get(0).equals("greet")) {
      try (GreeterClient greeter = GreeterRpc.spawnAndConnect(GreeterImpl.class, SpawnOptions.named("greeter"))) {
        String greeting = greeter.greet(command.get(1));
        System.out.println(greeting.replaceAll("process \\d+", "a worker process")
            + (greeting.endsWith(" " + ProcessHandle.current().pid()) ? " (this one?)" : ""));
      }
    } else {
      System.err.println("usage: Tools greet NAME");
      System.exit(2);
    }
  }
}
