package io.rpcparallel.it;

import io.rpcparallel.SpawnOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A master run as its own JVM by {@link TransportIT}, with the transport flags the test gives it:
 * spawns a worker, calls it, prints {@code WORKER <pid>} and {@code READY}, then ends normally
 * (closing the worker's connection) when its stdin gives it a line, or waits to be killed.
 */
public final class TransportProgram {
  private TransportProgram() {}

  public static void main(String[] args) throws IOException {
    try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("transport"))) {
      if (c.add(2) != 2) {
        throw new IllegalStateException("the worker added wrong");
      }
      System.out.println("WORKER " + c.pid());
      System.out.println("READY");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
  }
}
