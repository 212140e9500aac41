package io.rpcparallel.examples.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class CodecExampleTest {
  @Test
  void aTypeWithItsOwnCodecTravels(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, CodecExampleRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("total: 14.49 EUR", "refused: java.lang.IllegalArgumentException: cannot add USD to EUR",
        "the worker still answers: 0.00 EUR"), run.lines(), run.toString());
  }
}
