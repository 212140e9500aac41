package io.rpcparallel.examples.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the demo as a user would, through its generated routing main, and checks what it prints. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SumDemoTest {
  @Test
  void demoPrintsEveryWorkersSum() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SumDemoRpcParallelMain.class.getName(), "3")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    List<String> lines = out.lines().toList();
    assertTrue(lines.get(0).matches("sum-0 on port \\d+: sum\\(10000000\\) = 49999995000000"), lines.toString());
    assertTrue(lines.get(1).matches("sum-1 on port \\d+: sum\\(20000000\\) = 199999990000000"), lines.toString());
    assertTrue(lines.get(2).matches("sum-2 on port \\d+: sum\\(30000000\\) = 449999985000000"), lines.toString());
    assertTrue(lines.get(3).startsWith("3 workers spawned"), lines.toString());
    assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
  }

  @Test
  void workerArgsWithoutASpawnerAreRefused() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SumDemoRpcParallelMain.class.getName(), "--rpc-parallel-worker")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("is for workers spawned by rpc-parallel"), out);
  }
}
