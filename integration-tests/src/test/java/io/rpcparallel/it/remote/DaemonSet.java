package io.rpcparallel.it.remote;

import io.rpcparallel.it.FixtureDaemons;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What one fixture runs and writes: a temp directory, daemons started in the foreground with their
 * output in log files there, wrapper scripts in {@link Tools#binDir()}. Stopping it ends the
 * daemons (SIGTERM, a grace period, SIGKILL) and deletes the wrappers and the directory; a shutdown
 * hook does so if JUnit never closes it, and a watchdog shell does so if this JVM is killed: it
 * reads a pipe from this JVM and cleans up when that pipe ends.
 */
final class DaemonSet implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(10);
  // $1: the fixture's directory, $2: its marker. Reads "k <pid>" (a daemon) and "r <path>" (to
  // delete) lines; at the end of its stdin ends the daemons, then every process that carries the
  // marker or holds a file open in the directory (remote commands, job steps), then deletes.
  private static final String WATCHDOG = String.join("\n",
      "nl='",
      "'",
      "pids=; paths=",
      "while IFS=' ' read -r kind arg; do",
      "  case $kind in k) pids=\"$pids $arg\";; r) paths=\"$paths$arg$nl\";; esac",
      "done",
      "if [ -n \"$pids\" ]; then kill -TERM $pids 2>/dev/null; sleep 2; kill -KILL $pids 2>/dev/null; fi",
      "for p in /proc/[0-9]*; do",
      "  if tr '\\0' '\\n' <\"$p/environ\" 2>/dev/null | grep -qxF -- \"$2\" || ls -l \"$p/fd\" 2>/dev/null | grep -qF -- \" $1/\"; then",
      "    kill -KILL \"${p#/proc/}\" 2>/dev/null",
      "  fi",
      "done",
      "IFS=$nl",
      "for p in $paths; do rm -rf -- \"$p\"; done",
      "");

  private final String name;
  private final Path dir;
  private final String marker;
  private final Process watchdog;
  private final List<Process> daemons = new ArrayList<>();
  private final List<Path> wrappers = new ArrayList<>();
  private final List<Runnable> beforeStop = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Predicate<ProcessHandle> adopted;
  private final Thread hook;

  /**
   * Creates the temp directory ({@code prefix}...), world-readable when {@code open} (munged wants
   * that), and the watchdog. {@code markerName}={@code <dir>} is the {@link #marker()}.
   */
  DaemonSet(String name, String prefix, boolean open, String markerName) throws IOException {
    this.name = name;
    this.dir = Files.createTempDirectory(prefix).toRealPath();
    if (open) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    this.marker = markerName + "=" + dir;
    this.watchdog = new ProcessBuilder("/bin/sh", "-c", WATCHDOG, name + "-fixture-watchdog", dir.toString(), marker)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    FixtureDaemons.add(watchdog.toHandle());
    tellWatchdog("r " + dir);
    this.hook = new Thread(this::close, name + "-fixture-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  Path dir() {
    return dir;
  }

  /**
   * {@code NAME=<dir>}: an environment entry the fixture gives what it starts for tests (remote
   * sessions, jobs), so that such a process is known as this fixture's even after init adopted it.
   */
  String marker() {
    return marker;
  }

  /** Runs {@code action} first when stopping (cancelling jobs while the daemons still run). */
  void beforeStop(Runnable action) {
    beforeStop.add(action);
  }

  /** Starts {@code command} as a daemon, its stdout and stderr in {@code <dir>/<output>}. */
  Process start(String output, List<String> command, Map<String, String> env) throws IOException {
    Path log = dir.resolve(output);
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    FixtureDaemons.add(p.toHandle());
    synchronized (this) {
      daemons.add(p);
    }
    tellWatchdog("k " + p.pid());
    return p;
  }

  /**
   * Marks the processes {@code daemon} has started so far as daemons too (slurmctld's slurmscriptd):
   * call it once the daemon is ready, before any test runs.
   */
  void addHelpersOf(Process daemon) {
    daemon.descendants().forEach(FixtureDaemons::add);
  }

  /** Stops {@code daemon} now (a start that has to be retried on other ports). */
  void stop(Process daemon) {
    synchronized (this) {
      daemons.remove(daemon);
    }
    terminate(daemon);
  }

  /** The last {@code lines} lines of {@code <dir>/<file>}, for a failure message. */
  String logTail(String file, int lines) {
    Path log = dir.resolve(file);
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no " + log + ": " + e + ")";
    }
  }

  /** Writes the executable {@code <binDir>/<command>} with {@code body} after a shebang line, atomically. */
  void writeWrapper(String command, String body) throws IOException {
    Path bin = Tools.binDir();
    Files.createDirectories(bin);
    Path target = bin.resolve(command);
    Path tmp = Files.createTempFile(bin, "." + command + "-", ".tmp");
    Files.writeString(tmp, "#!/bin/sh\n# Written by the " + name + " test fixture for one test run; removed when it stops.\n"
        + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    synchronized (this) {
      wrappers.add(target);
    }
    tellWatchdog("r " + target);
  }

  /** Counts the processes outside this JVM's tree that {@code belongs} matches as this fixture's, until it stops. */
  void adopt(Predicate<ProcessHandle> belongs) {
    adopted = belongs;
    FixtureDaemons.addAdopter(this, belongs);
  }

  /** Ports that nothing listens on right now (another program may still take one before a daemon binds it). */
  static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Everything below cleans up itself, so the watchdog must not race it with pids that may be reused.
    watchdog.destroyForcibly();
    try {
      watchdog.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    FixtureDaemons.remove(watchdog.toHandle());
    try {
      for (Runnable action : beforeStop) {
        try {
          action.run();
        } catch (RuntimeException | AssertionError e) {
          System.err.println(name + " fixture: while stopping: " + e);
        }
      }
      Predicate<ProcessHandle> belongs = adopted;
      if (belongs != null) {
        // what outlived its session or step: killed, not left to init
        for (ProcessHandle orphan : FixtureDaemons.adoptedOrphans()) {
          if (belongs.test(orphan)) {
            orphan.descendants().forEach(ProcessHandle::destroyForcibly);
            orphan.destroyForcibly();
          }
        }
      }
      List<Process> toStop;
      synchronized (this) {
        toStop = new ArrayList<>(daemons);
        daemons.clear();
      }
      for (int i = toStop.size() - 1; i >= 0; i--) {
        terminate(toStop.get(i));
      }
      FixtureDaemons.removeAdopter(this);
      List<Path> toDelete;
      synchronized (this) {
        toDelete = new ArrayList<>(wrappers);
      }
      for (Path w : toDelete) {
        Files.deleteIfExists(w);
      }
      deleteTree(dir);
    } catch (IOException e) {
      System.err.println(name + " fixture: could not clean up: " + e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // this is the shutdown hook
      }
    }
  }

  /**
   * SIGTERM to {@code p}, SIGKILL after the grace period; then SIGKILL to what it started that is
   * still running (the daemon itself ends its helpers, and reaps them, when it is let to).
   */
  private void terminate(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    try {
      if (!p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    children.forEach(FixtureDaemons::remove);
    FixtureDaemons.remove(p.toHandle());
  }

  private synchronized void tellWatchdog(String line) {
    try {
      OutputStream in = watchdog.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the " + name + " fixture's watchdog is gone", e);
    }
  }

  /** {@code s} quoted for sh. */
  static String sh(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
