package io.rpcparallel.examples.foreground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class ForegroundExampleTest {
  @Test
  void theCallerReadsTheWorkersStdoutAndItsStderrIsPrefixed(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, ForegroundExampleRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("the worker printed: a line on the worker's stdout", "the worker exited with status 0"),
        run.lines(), run.toString());
    assertTrue(run.err().contains("[WORKER printer STDERR]: a line on the worker's stderr"), run.toString());
  }
}
