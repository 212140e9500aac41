package io.rpcparallel.examples.eventloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class PricesExampleTest {
  @Test
  void methodsOnTheEventLoopAreCalledLikeAnyOther(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, PricesExampleRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("apple: 30", "report: {apple=30, pear=45}"), run.lines(), run.toString());
  }
}
