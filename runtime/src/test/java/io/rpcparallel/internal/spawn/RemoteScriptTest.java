package io.rpcparallel.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launch script's words and the staged class path's packing, run through a real {@code sh}. */
class RemoteScriptTest {
  private static final List<String> VALUES = List.of("plain", "", "with space", "it's", "a\"b", "$HOME", "`x`",
      "back\\slash", "100%", "é ü 日本", "tab\there", "new\nline", "trailing newline\n\n", "-n", "*", "~");

  @Test
  void everyWordReachesTheCommandByteForByteAndTheScriptIsAscii() throws Exception {
    RemoteScript s = new RemoteScript();
    StringBuilder words = new StringBuilder();
    for (String v : VALUES) {
      words.append(' ').append(s.lit(v));
    }
    java.lang.reflect.Field vars = RemoteScript.class.getDeclaredField("vars");
    vars.setAccessible(true);
    // printf %s\0 for each argument: the exact bytes the command received.
    String script = vars.get(s) + "printf '%s\\0'" + words + "\n";
    assertTrue(script.chars().allMatch(c -> c < 0x80), "the script is plain ASCII");
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (String v : VALUES) {
      expected.write(v.getBytes(StandardCharsets.UTF_8));
      expected.write(0);
    }
    assertArrayEquals(expected.toByteArray(), out.toByteArray(), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aDirectoryPacksToTheSameBytesEveryTimeAndAChangeChangesThem(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("b/c"));
    Files.writeString(dir.resolve("a.txt"), "one");
    Files.writeString(dir.resolve("b/c/d.class"), "two");
    byte[] first = pack(dir);
    Files.setLastModifiedTime(dir.resolve("a.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
    assertArrayEquals(first, pack(dir), "times do not enter the packed jar");
    Files.writeString(dir.resolve("a.txt"), "changed");
    assertFalse(java.util.Arrays.equals(first, pack(dir)), "a changed file changes the packed jar");
    try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(first))) {
      assertEquals("a.txt", z.getNextEntry().getName());
      assertEquals("b/", z.getNextEntry().getName());
    }
  }

  private static byte[] pack(Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StagedCopy.pack(dir, out);
    return out.toByteArray();
  }
}
