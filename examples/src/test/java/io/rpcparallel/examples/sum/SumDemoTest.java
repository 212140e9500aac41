package io.rpcparallel.examples.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo as a user would, through its generated routing main, and checks what it prints. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SumDemoTest {
  /**
   * Runs the demo with {@code args}, its output (and its errors too if {@code errorsToo}, else they
   * go to the test's stderr) to {@code out} (a file, not a pipe: reading a pipe cannot be given a
   * deadline), and returns its exit status; kills it if it takes over a minute.
   */
  private static int run(Path out, boolean errorsToo, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SumDemoRpcParallelMain.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).redirectErrorStream(errorsToo).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("the demo did not end within 60 s; it printed:\n" + Files.readString(out));
    }
    return p.exitValue();
  }

  @Test
  void demoPrintsEveryWorkersSum(@TempDir Path tmp) throws Exception {
    Path outFile = tmp.resolve("out.txt");
    int status = run(outFile, false, "3");
    String out = Files.readString(outFile);
    assertEquals(0, status, out);
    List<String> lines = out.lines().toList();
    assertTrue(lines.get(0).matches("sum-0 on port \\d+: sum\\(10000000\\) = 49999995000000"), lines.toString());
    assertTrue(lines.get(1).matches("sum-1 on port \\d+: sum\\(20000000\\) = 199999990000000"), lines.toString());
    assertTrue(lines.get(2).matches("sum-2 on port \\d+: sum\\(30000000\\) = 449999985000000"), lines.toString());
    assertTrue(lines.get(3).startsWith("3 workers spawned"), lines.toString());
    assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
  }

  @Test
  void workerArgsWithoutASpawnerAreRefused(@TempDir Path tmp) throws Exception {
    Path outFile = tmp.resolve("out.txt");
    int status = run(outFile, true, "--rpc-parallel-worker");
    String out = Files.readString(outFile);
    assertEquals(2, status, out);
    assertTrue(out.contains("is for workers spawned by rpc-parallel"), out);
  }
}
