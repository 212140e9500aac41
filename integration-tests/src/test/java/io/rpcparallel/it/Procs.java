package io.rpcparallel.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Process facts for tests, read from /proc (orphaned workers may linger as zombies); the socket and
 * descriptor counts need Linux.
 */
final class Procs {
  private Procs() {}

  /** Whether {@code pid} is a live process (not gone, not a zombie). */
  static boolean isRunning(long pid) {
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
  static boolean awaitGone(long pid, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!isRunning(pid)) {
        return true;
      }
      Thread.sleep(20);
    }
    return !isRunning(pid);
  }

  /** This JVM's live descendants. */
  static List<ProcessHandle> liveDescendants() {
    return ProcessHandle.current().descendants().filter(p -> isRunning(p.pid())).collect(Collectors.toList());
  }

  /** The number of open file descriptors of this JVM. */
  static long openFds() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  /** The number of TCP sockets of this JVM in LISTEN state. */
  static long listeningSockets() throws IOException {
    return socketInodes(true).size();
  }

  /** The number of this JVM's TCP sockets that are connected (any state but LISTEN). */
  static long connectedSockets() throws IOException {
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

  /** Sleeps for a test that must let time pass (never to wait for an event). */
  static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}
