package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.it.NoLeftoverWorkers;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A program without an SLF4J provider sees SLF4J's warning once, not once more per worker. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Slf4jWarningIT {
  @Test
  void theNoProviderWarningIsPrintedOncePerProgram(@TempDir Path dir) throws Exception {
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("slf4j-simple"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", classPath, NoLoggerProgram.class.getName()));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the program did not end");
    } finally {
      p.destroyForcibly();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), stdout + stderr);
    assertTrue(stdout.contains("answered quiet-2") && stdout.contains("DONE"), stdout + stderr);
    assertEquals(1, stderr.lines().filter(l -> l.contains("No SLF4J providers were found")).count(), stderr);
    assertTrue(stderr.lines().noneMatch(l -> l.startsWith("[WORKER") && l.contains("SLF4J")), stderr);
  }
}
