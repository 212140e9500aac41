package io.rpcparallel.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class DashboardExampleTest {
  @Test
  void theSnapshotListsTheWorkerAndNeedsTheToken(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, DashboardExampleRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("the snapshot lists counter-1", "no token, no data"), run.lines(), run.toString());
    assertTrue(run.err().matches("(?s).*rpc-parallel dashboard: http://127\\.0\\.0\\.1:\\d+/\\?token=\\S+.*"), run.toString());
  }
}
