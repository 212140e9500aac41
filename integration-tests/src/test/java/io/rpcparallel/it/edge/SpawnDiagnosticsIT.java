package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.SpawnException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.it.NoLeftoverWorkers;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A worker that dies before it registers fails the spawn with its status, its stderr and its command. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpawnDiagnosticsIT {
  @Test
  void aWorkerJvmThatCannotStartIsExplainedInFull() {
    SpawnException e = assertThrows(SpawnException.class, () -> EdgeWorkerRpc.spawn(EdgeWorkerImpl.class,
        SpawnOptions.named("no-jvm").withEnv(Map.of("JAVA_TOOL_OPTIONS", "-XX:+NoSuchFlagOfOurTest"))));
    String m = e.getMessage();
    assertTrue(m.startsWith("spawn of worker no-jvm failed: the worker exited with status 1 before"), m);
    assertTrue(m.contains("[WORKER no-jvm STDERR]: Unrecognized VM option 'NoSuchFlagOfOurTest'"), m);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    assertTrue(m.contains("\nthe worker's command (on this machine): " + java + " "), m);
    assertTrue(m.contains(" no-jvm"), m);
  }
}
