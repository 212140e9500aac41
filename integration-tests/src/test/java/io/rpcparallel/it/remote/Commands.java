package io.rpcparallel.it.remote;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command to its end with a deadline. Its output goes to files, not pipes, so that
 * nothing needs a reader thread and a command that leaves a child holding its stdout still counts
 * as ended when it exits.
 */
final class Commands {
  private Commands() {}

  static CommandResult run(List<String> command, Map<String, String> env, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("rpc-it-cmd-", ".out");
      err = Files.createTempFile("rpc-it-cmd-", ".err");
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectInput(new File("/dev/null"))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + "; killed it\n--- stdout:\n"
            + Files.readString(out, StandardCharsets.UTF_8) + "--- stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new CommandResult(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), took);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + String.join(" ", command), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a stray temp file is no reason to fail a test
      }
    }
  }
}
