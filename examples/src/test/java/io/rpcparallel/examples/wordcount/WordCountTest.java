package io.rpcparallel.examples.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the word-count example as a user would, on a directory of known files. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WordCountTest {
  @Test
  void countsEveryWordOfEveryFileWithAProgressBar(@TempDir Path dir, @TempDir Path tmp) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "the cat and the hat\nThe end\n");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/b.txt"), "a cat, a hat: the cat's hat\n");
    // Output to files, not pipes: reading a pipe cannot be given a deadline.
    Path outFile = tmp.resolve("out.txt");
    Path errFile = tmp.resolve("err.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WordCountRpcParallelMain.class.getName(), dir.toString(), "2")
        .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("word count did not end within 60 s; stderr:\n" + Files.readString(errFile));
    }
    String out = Files.readString(outFile);
    String err = Files.readString(errFile);
    assertEquals(0, p.exitValue(), err);
    assertTrue(out.startsWith("2 files, 7 distinct words, 14 words"), out);
    assertTrue(out.contains("       4  the"), out);
    assertTrue(err.contains("[##############################] 2/2 100%"), err);
  }
}
