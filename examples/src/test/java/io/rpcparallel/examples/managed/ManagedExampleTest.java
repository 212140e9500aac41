package io.rpcparallel.examples.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class ManagedExampleTest {
  @Test
  void aManagedWorkerReconnectsUntilKilled(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, ManagedExampleRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("total 1", "total 2, over a new connection", "killed"), run.lines(), run.toString());
  }
}
