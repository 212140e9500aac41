package io.rpcparallel.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM on this test's class path, run as a separate master program. Its stdout is read on
 * a thread of its own into a queue, so that every wait on it has a deadline (a pipe read cannot be
 * interrupted). Closing it kills what is left of the program and its children.
 */
public final class JavaProcess implements AutoCloseable {
  private final Process process;
  // Empty: the end of the program's stdout.
  private final LinkedBlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private boolean ended;

  private JavaProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLines, "java-process-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  public static JavaProcess start(Class<?> main, String... args) throws IOException {
    return start(Map.of(), main, args);
  }

  public static JavaProcess start(Map<String, String> env, Class<?> main, String... args) throws IOException {
    return startWith(List.of(), env, main, args);
  }

  /** Runs the program under {@code prefix} (such as {@code salloc …}), which must exec the rest of its arguments. */
  public static JavaProcess startWith(List<String> prefix, Class<?> main, String... args) throws IOException {
    return startWith(prefix, Map.of(), main, args);
  }

  private static JavaProcess startWith(List<String> prefix, Map<String, String> env, Class<?> main, String... args)
      throws IOException {
    return startOn(prefix, List.of(), System.getProperty("java.class.path"), env, main, args);
  }

  /** Runs the program with more JVM flags (which its workers inherit). */
  public static JavaProcess startWithFlags(List<String> jvmFlags, Map<String, String> env, Class<?> main,
      String... args) throws IOException {
    return startOn(List.of(), jvmFlags, System.getProperty("java.class.path"), env, main, args);
  }

  /** Runs the program with the {@code java} launcher of another JDK, with more JVM flags. */
  public static JavaProcess startOnJdk(Path javaHome, List<String> jvmFlags, Map<String, String> env, Class<?> main,
      String... args) throws IOException {
    return startOn(javaHome, null, List.of(), jvmFlags, System.getProperty("java.class.path"), env, main, args);
  }

  /** Runs the program in working directory {@code dir}, with more JVM flags. */
  public static JavaProcess startIn(Path dir, List<String> jvmFlags, Map<String, String> env, Class<?> main,
      String... args) throws IOException {
    return startOn(Path.of(System.getProperty("java.home")), dir, List.of(), jvmFlags,
        System.getProperty("java.class.path"), env, main, args);
  }

  /** Runs the program on another class path. */
  public static JavaProcess startOnClassPath(String classPath, Class<?> main, String... args) throws IOException {
    return startOn(List.of(), List.of(), classPath, Map.of(), main, args);
  }

  /** Runs the program on another class path, with more environment. */
  public static JavaProcess startOnClassPath(String classPath, Map<String, String> env, Class<?> main,
      String... args) throws IOException {
    return startOn(List.of(), List.of(), classPath, env, main, args);
  }

  private static JavaProcess startOn(List<String> prefix, List<String> jvmFlags, String classPath,
      Map<String, String> env, Class<?> main, String... args) throws IOException {
    return startOn(Path.of(System.getProperty("java.home")), null, prefix, jvmFlags, classPath, env, main, args);
  }

  private static JavaProcess startOn(Path javaHome, Path dir, List<String> prefix, List<String> jvmFlags,
      String classPath, Map<String, String> env, Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(javaHome.resolve("bin").resolve("java").toString());
    cmd.add("-Dio.netty.leakDetectionLevel=paranoid");
    cmd.add("-Xmx256m");
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    return new JavaProcess(pb.start());
  }

  private void readLines() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(Optional.of(line));
      }
    } catch (IOException e) {
      // the program is gone: its stdout ends here
    } finally {
      lines.add(Optional.empty());
    }
  }

  long pid() {
    return process.pid();
  }

  /** Every line read so far. */
  public List<String> seen() {
    return List.copyOf(seen);
  }

  /** The lines read so far of the form {@code KEY value}, by key (the last of a key wins). */
  public Map<String, String> keyValues() {
    Map<String, String> out = new java.util.HashMap<>();
    for (String line : seen) {
      int sp = line.indexOf(' ');
      if (sp > 0) {
        out.put(line.substring(0, sp), line.substring(sp + 1));
      }
    }
    return out;
  }

  /**
   * Reads lines until one starts with {@code prefix}; fails if the program ends first or prints
   * no such line within {@link Await#LIMIT}.
   */
  public String readUntil(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + Await.LIMIT.toNanos();
    while (!ended) {
      Optional<String> next = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("the program printed no line starting with " + prefix + " within " + Await.LIMIT
            + "; it printed " + seen);
      }
      if (next.isEmpty()) {
        ended = true;
        break;
      }
      seen.add(next.get());
      if (next.get().startsWith(prefix)) {
        return next.get();
      }
    }
    throw new AssertionError("the program ended before printing " + prefix + "; it printed " + seen);
  }

  /** Writes one line to the program's stdin. */
  void say(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write to the program's stdin", e);
    }
  }

  /** Waits (at most {@link Await#LIMIT}) for the program to end; returns its exit status. */
  public int awaitExit() throws InterruptedException {
    return Await.exit(process);
  }

  /** Kills the program now (SIGKILL: no shutdown hook runs) and waits for it to end. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    awaitExit();
  }

  /** Kills the program and its children if they are still running, so that a failed test leaves nothing. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(Await.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
