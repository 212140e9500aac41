package io.rpcparallel.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Process facts for tests, read from /proc (orphaned workers may linger as zombies); the socket and
 * descriptor counts need Linux.
 */
public final class Procs {
  private Procs() {}

  /** Whether {@code pid} is a live process (not gone, not a zombie). */
  public static boolean isRunning(long pid) {
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      // Not Linux: no process states to read; a zombie counts as running here.
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // pid (comm) S ...: the state follows the last ')'.
      String afterComm = stat.substring(stat.lastIndexOf(')') + 2);
      char state = afterComm.charAt(0);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until {@code pid} is no longer running, polling /proc (an orphan's exit raises no event
   * this JVM can wait on); returns whether it ended within {@code limit}.
   */
  public static boolean awaitGone(long pid, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!isRunning(pid)) {
        return true;
      }
      Thread.sleep(20);
    }
    return !isRunning(pid);
  }

  /**
   * This JVM's live descendants, but not the daemons of the test fixtures (sshd, Slurm), and with
   * the processes those fixtures started for this JVM that were handed to init (a job step's
   * slurmstepd, a remote command whose ssh session ended) and their descendants.
   */
  public static List<ProcessHandle> liveDescendants() {
    Set<ProcessHandle> all = new LinkedHashSet<>();
    ProcessHandle.current().descendants().forEach(all::add);
    for (ProcessHandle adopted : FixtureDaemons.adoptedOrphans()) {
      all.add(adopted);
      adopted.descendants().forEach(all::add);
    }
    return all.stream().filter(p -> !FixtureDaemons.isDaemon(p)).filter(p -> isRunning(p.pid()))
        .collect(Collectors.toList());
  }

  /** The command line of {@code pid} from /proc, its arguments joined by spaces; empty if it is gone or has none. */
  public static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The arguments of {@code pid} from /proc, the executable left out (as {@code ProcessHandle.Info}
   * gives them, which it stops doing once the command line is long); empty if it is gone.
   */
  public static List<String> arguments(long pid) {
    try {
      String all = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8);
      List<String> args = new java.util.ArrayList<>(List.of(all.split("\0")));
      if (!args.isEmpty()) {
        args.remove(0);
      }
      return args;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Whether the environment {@code pid} started with holds the entry {@code nameAndValue} ({@code NAME=value}). */
  public static boolean hasEnvironmentEntry(long pid, String nameAndValue) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
      for (String entry : new String(raw, StandardCharsets.UTF_8).split("\0")) {
        if (entry.equals(nameAndValue)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether {@code pid} has a file open below {@code dir}. */
  public static boolean hasFileOpenUnder(long pid, Path dir) {
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).startsWith(dir);
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** The number of open file descriptors of this JVM. */
  public static long openFds() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  /** The number of TCP sockets of this JVM in LISTEN state. */
  public static long listeningSockets() throws IOException {
    return socketInodes(true).size();
  }

  /** The number of this JVM's TCP sockets that are connected (any state but LISTEN). */
  public static long connectedSockets() throws IOException {
    return socketInodes(false).size();
  }

  private static List<String> socketInodes(boolean listening) throws IOException {
    List<String> own;
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      own = s.map(p -> {
        try {
          return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
          return "";
        }
      }).filter(l -> l.startsWith("socket:[")).map(l -> l.substring(8, l.length() - 1)).collect(Collectors.toList());
    }
    List<String> result = new java.util.ArrayList<>();
    for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.exists(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        boolean isListen = f[3].equals("0A");
        if (isListen == listening && own.contains(f[9])) {
          result.add(f[9]);
        }
      }
    }
    return result;
  }

  /** Where {@code pid}'s file descriptors point ({@code socket:[N]}, {@code anon_inode:[timerfd]} …). */
  public static List<String> fdLinks(long pid) throws IOException {
    try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return s.map(p -> {
        try {
          return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
          return "";
        }
      }).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }
  }

  /** Sleeps for a test that must let time pass (never to wait for an event). */
  public static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}
