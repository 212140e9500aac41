package io.rpcparallel.examples.expert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class ToolsTest {
  @Test
  void aProgramThatRoutesItsOwnCommandLineSpawnsWorkers(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, Tools.class, "greet", "world");
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("hello, world, from a worker process"), run.lines(), run.toString());
  }
}
