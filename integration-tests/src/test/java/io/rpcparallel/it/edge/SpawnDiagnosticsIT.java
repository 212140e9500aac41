package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.Redirect;
import io.rpcparallel.SpawnException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.it.NoLeftoverWorkers;
import io.rpcparallel.it.TestConfig;
import io.rpcparallel.it.TestWorkerImpl;
import io.rpcparallel.it.TestWorkerRpc;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker that dies before it registers fails the spawn with its status, the end of its stderr
 * and its command, whether it ended before reading its configuration or after.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpawnDiagnosticsIT {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @Test
  void aWorkerJvmThatCannotStartIsExplainedInFull() {
    // 1 MiB of configuration, more than a pipe holds: writing it fails, as the JVM never reads it.
    TestConfig big = new TestConfig(0, "x".repeat(1 << 20), 0);
    SpawnException e = assertThrows(SpawnException.class, () -> TestWorkerRpc.spawn(TestWorkerImpl.class, big,
        SpawnOptions.named("no-jvm").withEnv(Map.of("JAVA_TOOL_OPTIONS", "-XX:+NoSuchFlagOfOurTest"))));
    String m = e.getMessage();
    assertTrue(m.startsWith("spawn of worker no-jvm failed: the worker exited with status 1 before reading its"
        + " configuration\n"), m);
    assertTrue(m.contains("\n[WORKER no-jvm STDERR]: Unrecognized VM option 'NoSuchFlagOfOurTest'"), m);
    assertTrue(m.contains("\nthe worker's command (on this machine): " + JAVA + " "), m);
    assertTrue(m.contains(" no-jvm"), m);
  }

  @Test
  void aWorkerThatEndsBeforeRegisteringIsExplainedInFull() {
    SpawnException e = assertThrows(SpawnException.class, () -> TestWorkerRpc.spawn(HaltsInInit.class,
        new TestConfig(0, "bye", 0), SpawnOptions.named("halts").withJvmFlags("-Dtold.by=SpawnDiagnosticsIT")));
    String m = e.getMessage();
    assertTrue(m.startsWith("spawn of worker halts failed: the worker exited with status 3 before registering\n"), m);
    assertTrue(m.contains("\n[WORKER halts STDERR]: halting in init: bye"), m);
    assertTrue(m.contains("\nthe worker's command (on this machine): " + JAVA + " "), m);
    assertTrue(m.contains(" -Dtold.by=SpawnDiagnosticsIT "), m);
    assertTrue(m.contains(" halts"), m);
  }

  @Test
  void aForegroundWorkerWhoseStderrIsAPipeIsExplainedWithWhatItWroteThere() {
    SpawnException e = assertThrows(SpawnException.class, () -> TestWorkerRpc.spawnForeground(HaltsInInit.class,
        new TestConfig(0, "piped", 0), SpawnOptions.named("halts-piped").withStderr(Redirect.pipe())));
    String m = e.getMessage();
    assertTrue(m.startsWith("spawn of worker halts-piped failed: the worker exited with status 3 before"
        + " registering\n"), m);
    assertTrue(m.contains("\n[WORKER halts-piped STDERR]: halting in init: piped"), m);
    assertTrue(m.contains("\nthe worker's command (on this machine): " + JAVA + " "), m);
  }
}
