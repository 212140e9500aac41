package io.rpcparallel.examples.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each stream example as a user would, and checks what it prints. */
class StreamExamplesTest {
  @TempDir
  Path tmp;

  private List<String> run(Class<?> main) throws Exception {
    Examples.Run run = Examples.run(tmp, main);
    assertEquals(0, run.status(), run.toString());
    assertFalse(run.err().contains("Exception"), run.toString());
    return run.lines();
  }

  @Test
  void pipe() throws Exception {
    assertEquals(List.of("pipe: [1, 2, 3, 4, 5]"), run(PipeExampleRpcParallelMain.class));
  }

  @Test
  void directPipe() throws Exception {
    assertEquals(List.of("direct pipe: [5, 4, 3, 2, 1]", "cancelled after: [1000000000, 999999999, 999999998]",
        "the worker still answers: 6"), run(DirectPipeExampleRpcParallelMain.class));
  }

  @Test
  void reversePipe() throws Exception {
    assertEquals(List.of("reverse pipe: sum of 1..100000 = 5000050000"), run(ReversePipeExampleRpcParallelMain.class));
  }

  @Test
  void reverseDirectPipe() throws Exception {
    assertEquals(List.of("reverse direct pipe: [to, the, worker,, in, order]"),
        run(ReverseDirectPipeExampleRpcParallelMain.class));
  }

  @Test
  void stateCall() throws Exception {
    assertEquals(List.of("state: 0", "updates: [1, 2, 3]"), run(StateCallExampleRpcParallelMain.class));
  }

  @Test
  void oneWay() throws Exception {
    assertEquals(List.of("one-way: 2 notes arrived"), run(OneWayExampleRpcParallelMain.class));
  }
}
