package io.rpcparallel.examples.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.examples.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it prints. */
class LifecycleExampleTest {
  @Test
  void anExplicitWorkerOutlivesItsConnectionsAndABackgroundFailureIsReported(@TempDir Path tmp) throws Exception {
    Examples.Run run = Examples.run(tmp, LifecycleExampleRpcParallelMain.class);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("heartbeat interval: PT5S", "requests so far: 1", "shut down",
        "alert: indexer: the index of corrupt is unreadable", "then the worker exited"), run.lines(), run.toString());
  }
}
