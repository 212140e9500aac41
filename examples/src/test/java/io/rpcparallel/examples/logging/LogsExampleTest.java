package io.rpcparallel.examples.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class LogsExampleTest {
  @Test
  void theMasterSeesWhatTheWorkerLogs(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, LogsExampleRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("INFO working on the first task (worker chatty, logger io.rpcparallel.examples.logging.ChattyImpl)"),
        run.lines(), run.toString());
  }
}
