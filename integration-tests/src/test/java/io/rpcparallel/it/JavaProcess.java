package io.rpcparallel.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts another JVM on this test's class path, as a separate master program. */
final class JavaProcess {
  private JavaProcess() {}

  static Process start(Class<?> main, String... args) throws IOException {
    return start(java.util.Map.of(), main, args);
  }

  static Process start(java.util.Map<String, String> env, Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dio.netty.leakDetectionLevel=paranoid");
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(env);
    return pb.start();
  }

  static BufferedReader stdout(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Reads lines until one starts with {@code prefix}; fails at end of stream. */
  static String readUntil(BufferedReader r, String prefix, List<String> seen) throws IOException {
    String line;
    while ((line = r.readLine()) != null) {
      seen.add(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IOException("the program ended before printing " + prefix + "; it printed " + seen);
  }
}
