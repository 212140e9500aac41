package io.rpcparallel.it;

import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import java.io.IOException;

/**
 * A master run as its own JVM by tests that kill it: spawns one worker per shutdown mode, prints
 * {@code WORKER <mode> <pid>} for each and {@code READY}, then waits to be killed.
 */
public final class MasterProgram {
  private MasterProgram() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("during-init")) {
      // Each spawn is still waiting on a 60 s init when the test kills this process.
      for (ShutdownOn mode : ShutdownOn.values()) {
        Thread t = new Thread(() -> TestWorkerRpc.spawn(TestWorkerImpl.class, new TestConfig(0, "slow", 60_000),
            SpawnOptions.named("init-" + mode.name().toLowerCase()).withShutdownOn(mode)
                .withSpawnTimeout(java.time.Duration.ofSeconds(120))));
        t.setDaemon(true);
        t.start();
      }
      System.out.println("SPAWNING");
      System.out.flush();
      while (System.in.read() >= 0) {
        // keep waiting
      }
      return;
    }
    for (ShutdownOn mode : ShutdownOn.values()) {
      SpawnOptions options = SpawnOptions.named("killed-master-" + mode.name().toLowerCase()).withShutdownOn(mode);
      if (mode == ShutdownOn.CONNECTION_CLOSED) {
        TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0), options);
        System.out.println("WORKER " + mode + " " + c.pid());
      } else {
        try (TestWorkerClient c = TestWorkerRpc.connect(TestWorkerRpc.spawn(TestWorkerImpl.class,
            TestConfig.of(0), options))) {
          System.out.println("WORKER " + mode + " " + c.pid());
        }
      }
    }
    System.out.println("READY");
    System.out.flush();
    // Until killed: the test never writes to our stdin.
    while (System.in.read() >= 0) {
      // keep waiting
    }
  }
}
