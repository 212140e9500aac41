package io.rpcparallel.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @Test
  void theQuickStartPrintsWhatItsWorkerComputed(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, MainRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("10", "15", "total 15"), run.lines(), run.toString());
  }
}
