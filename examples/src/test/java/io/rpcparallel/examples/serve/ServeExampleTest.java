package io.rpcparallel.examples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class ServeExampleTest {
  @Test
  void anInProcessServerTakesNoNewConnectionAfterCloseServer(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, ServeExampleRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("served in this process", "no new connection after closeServer", "the open one still works"),
        run.lines(), run.toString());
  }
}
