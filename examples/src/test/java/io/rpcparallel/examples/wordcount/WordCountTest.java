package io.rpcparallel.examples.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
  void countsEveryWordOfEveryFileWithAProgressBar(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "the cat and the hat\nThe end\n");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/b.txt"), "a cat, a hat: the cat's hat\n");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WordCountRpcParallelMain.class.getName(), dir.toString(), "2")
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    assertTrue(out.startsWith("2 files, 7 distinct words, 14 words"), out);
    assertTrue(out.contains("       4  the"), out);
    assertTrue(err.contains("[##############################] 2/2 100%"), err);
  }
}
