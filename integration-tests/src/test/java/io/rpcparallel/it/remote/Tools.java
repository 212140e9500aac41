package io.rpcparallel.it.remote;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the programs the fixtures run, and says what is missing: on a developer's machine the
 * tests that need it are skipped (a JUnit assumption), with one line on the build output and in a
 * file that CI checks; with {@code CI=true} they fail instead, since CI must run them.
 */
final class Tools {
  /** Where surefire puts the wrapper scripts, first on the test JVM's PATH. */
  static final String BIN_DIR_PROPERTY = "rpcparallel.it.remoteBin";
  /** The file that collects a run's lines about fixtures that could not start (.ci/run fails on it). */
  static final String SKIPS_FILE_PROPERTY = "rpcparallel.it.remoteSkips";

  private static final List<Path> DAEMON_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/local/sbin"));
  private static final Set<String> REPORTED = new LinkedHashSet<>();
  private static Path fallbackBinDir;

  /** A program a fixture needs and the Debian package that has it. */
  record Need(String name, String debianPackage) {}

  private Tools() {}

  /**
   * The absolute path of each needed program, found on PATH (not in {@link #binDir()}) or in an
   * sbin directory; aborts (or, on CI, fails) the calling tests if any is missing.
   */
  static Map<String, Path> require(List<Need> needs) {
    Map<String, Path> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();
    for (Need need : needs) {
      Optional<Path> p = find(need.name());
      if (p.isPresent()) {
        found.put(need.name(), p.get());
      } else {
        missing.add(need.name());
        packages.add(need.debianPackage());
      }
    }
    if (!missing.isEmpty()) {
      String what = String.join(", ", missing) + " not found on PATH or in /usr/sbin, /sbin (apt-get install "
          + String.join(" ", packages) + ")";
      if ("true".equals(System.getenv("CI"))) {
        String line = "remote fixture: failed: " + what + "; CI=true, so these tests may not be skipped";
        report(line);
        throw new IllegalStateException(line);
      }
      String line = "remote fixture: skipped: " + what;
      report(line);
      Assumptions.abort(line);
    }
    return found;
  }

  /** The program {@code name} on PATH (outside {@link #binDir()}) or in an sbin directory. */
  static Optional<Path> find(String name) {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        if (!entry.isEmpty()) {
          dirs.add(Path.of(entry));
        }
      }
    }
    dirs.addAll(DAEMON_DIRS);
    Path wrappers = binDir().toAbsolutePath().normalize();
    for (Path dir : dirs) {
      if (dir.toAbsolutePath().normalize().equals(wrappers)) {
        continue;
      }
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /**
   * The directory for the wrapper scripts: the one surefire put first on PATH, or (run outside
   * Maven) a temp directory that only a child process given it on its PATH sees.
   */
  static synchronized Path binDir() {
    String configured = System.getProperty(BIN_DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    if (fallbackBinDir == null) {
      try {
        fallbackBinDir = Files.createTempDirectory("rpc-it-remote-bin-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      fallbackBinDir.toFile().deleteOnExit();
    }
    return fallbackBinDir;
  }

  /** Once per line and JVM: to the test report, to the build output (the fork's own stderr) and to the skips file. */
  private static synchronized void report(String line) {
    if (!REPORTED.add(line)) {
      return;
    }
    System.out.println(line);
    // surefire keeps System.out and System.err for the report files; the fork's own stderr reaches the console
    @SuppressWarnings("resource") // closing it would close the JVM's stderr
    PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    console.println(line);
    String file = System.getProperty(SKIPS_FILE_PROPERTY);
    if (file != null && !file.isBlank()) {
      try {
        Path p = Path.of(file);
        Files.createDirectories(p.toAbsolutePath().getParent());
        Files.writeString(p, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        console.println("remote fixture: could not append to " + file + ": " + e);
      }
    }
  }
}
