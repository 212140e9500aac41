package io.rpcparallel.examples.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class SessionsExampleTest {
  @Test
  void eachConnectionHasItsOwnStateAndSharesTheWorkers(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, SessionsExampleRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("shared: 103, ann: 10, bob: 20"), run.lines(), run.toString());
  }
}
