package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A test as a user writes it, run by {@link LaunchShapesIT} through a Maven project whose surefire
 * has {@code forkCount=0}: it runs inside Maven's own JVM, in surefire's class loader, and spawns a
 * worker. It writes {@code PID <pid>} and {@code ARG <arg>} for each argument of the worker's
 * command line to the file named by {@value #OUTPUT}. (Its name matches neither {@code *IT} nor
 * {@code *Test}: this module's own surefire does not run it.)
 */
class InProcessSurefireCase {
  static final String OUTPUT = "rpcparallel.it.shapeOutput";

  @Test
  void spawnsAWorker() throws Exception {
    String output = System.getProperty(OUTPUT);
    Assumptions.assumeTrue(output != null, "run by LaunchShapesIT only");
    List<String> lines = new ArrayList<>();
    try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(1),
        SpawnOptions.named("fork-count-zero"))) {
      assertEquals(4, c.add(3));
      lines.add("PID " + c.pid());
      for (String a : c.commandLine()) {
        lines.add("ARG " + a);
      }
    }
    Files.write(Path.of(output), lines);
  }

  @AfterAll
  static void stopTheRuntime() {
    // Maven's JVM runs on after the tests: leave none of the runtime's threads in it.
    RpcParallel.shutdown(Duration.ofSeconds(10));
  }
}
