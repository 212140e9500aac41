package io.rpcparallel.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A Java agent that records each run of its {@code premain}: given {@code <file>#<tag>} as its
 * options, it appends {@code <tag> <pid>} to the file. {@link #writeJar} makes the agent's jar, a
 * manifest that names this class (on the class path of the programs that use it).
 */
public final class PremainRecorder {
  private PremainRecorder() {}

  public static void premain(String options) {
    int hash = options.lastIndexOf('#');
    String line = options.substring(hash + 1) + " " + ProcessHandle.current().pid() + "\n";
    try {
      // One short append: atomic, so the JVMs recording to the same file do not mix their lines.
      Files.writeString(Path.of(options.substring(0, hash)), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the agent's jar: a manifest whose {@code Premain-Class} is this class. */
  static void writeJar(Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(new Attributes.Name("Premain-Class"), PremainRecorder.class.getName());
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      // the manifest is all
    }
  }
}
