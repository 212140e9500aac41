package io.rpcparallel.it;

import io.rpcparallel.HowToRun;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs from a jar ({@code args[1]}) that it moves away ({@code args[0]} = {@code move}) or deletes
 * ({@code delete}) before spawning a local worker and, if {@code args[2]} names a host, an ssh
 * worker staged in {@code args[3]}; prints {@code OK <local sum> <remote sum>}.
 */
public final class MovedJarProgram {
  private MovedJarProgram() {}

  public static void main(String[] args) throws Exception {
    RpcParallel.setSettings(io.rpcparallel.RpcSettings.builder());
    Path jar = Path.of(args[1]);
    if (args[0].equals("move")) {
      Files.move(jar, jar.resolveSibling("moved-away.jar"));
    } else {
      Files.delete(jar);
    }
    long local;
    try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(40),
        SpawnOptions.named("after-move"))) {
      local = c.add(2);
    }
    long remote = -1;
    if (args.length > 2) {
      try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(50),
          SpawnOptions.named("after-move-ssh").withHowToRun(HowToRun.ssh(args[2]).withArtifactsDir(args[3])))) {
        remote = c.add(2);
      }
    }
    System.out.println("OK " + local + " " + remote);
    System.out.flush();
    RpcParallel.shutdown(Duration.ofSeconds(10));
  }
}
