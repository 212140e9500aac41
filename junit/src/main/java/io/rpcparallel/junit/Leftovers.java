package io.rpcparallel.junit;

import io.rpcparallel.InProcessServer;
import io.rpcparallel.internal.server.InProcess;
import io.rpcparallel.internal.transport.ClientConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * What of rpc-parallel is live in this JVM at one moment: its worker processes (descendants of
 * this JVM on this host), its client connections and their log subscriptions, and the servers
 * {@code serve()} started. A later look,
 * {@link #leftSince}, lists what was opened since and is still there.
 */
final class Leftovers {
  /** The argument every spawned worker's command line carries: {@code child-of-<pid>@<host>}. */
  private static final String WORKER_MARK = "child-of-";

  private final Set<Long> workerPids;
  private final Set<ClientConnection> connections;
  private final Set<LogStream> logStreams;
  private final Set<InProcessServer<?>> servers;

  private record LogStream(ClientConnection connection, long id) {}

  private Leftovers(Set<Long> workerPids, Set<ClientConnection> connections, Set<LogStream> logStreams,
      Set<InProcessServer<?>> servers) {
    this.workerPids = workerPids;
    this.connections = connections;
    this.logStreams = logStreams;
    this.servers = servers;
  }

  /** {@return what is live now} */
  static Leftovers now() {
    Set<ClientConnection> connections = Collections.newSetFromMap(new IdentityHashMap<>());
    connections.addAll(ClientConnection.openNow());
    Set<InProcessServer<?>> servers = Collections.newSetFromMap(new IdentityHashMap<>());
    servers.addAll(InProcess.openNow());
    return new Leftovers(workers().stream().map(ProcessHandle::pid).collect(Collectors.toSet()), connections,
        logStreams(connections), servers);
  }

  /**
   * Lists what was opened since {@code before} and is still live, and ends it so that one
   * failing test does not fail the next: connections opened since are closed at once (with
   * their log subscriptions), and so are servers {@code serve()} started since; worker processes
   * started since get until {@code exitTimeout} to exit, then are killed. Log subscriptions on connections that were already open are only
   * reported (they end with their connection).
   *
   * @return one line per leftover; empty if there is none
   */
  static List<String> leftSince(Leftovers before, Duration exitTimeout) throws InterruptedException {
    List<String> found = new ArrayList<>();
    List<ClientConnection> open = ClientConnection.openNow();
    for (ClientConnection c : open) {
      List<Long> logs = c.openLogStreams();
      if (!before.connections.contains(c)) {
        found.add("a connection to worker " + describe(c) + " is still open"
            + (logs.isEmpty() ? "" : ", with " + plural(logs.size(), "log subscription")));
      } else {
        long newLogs = logs.stream().filter(id -> !before.logStreams.contains(new LogStream(c, id))).count();
        if (newLogs > 0) {
          found.add(plural(newLogs, "log subscription") + " (control().logs()) on the connection to worker "
              + describe(c) + " neither cancelled nor ended");
        }
      }
    }
    List<InProcessServer<?>> servers = InProcess.openNow().stream().filter(s -> !before.servers.contains(s))
        .collect(Collectors.toList());
    for (InProcessServer<?> s : servers) {
      found.add("a server that serve() started for " + s.worker().interfaceName() + " (" + s.worker().host() + ":"
          + s.worker().port() + ") is still open: close it (InProcessServer.close())");
    }
    // A worker waits for its connections to close: close the leftover ones before waiting for it.
    for (ClientConnection c : open) {
      if (!before.connections.contains(c)) {
        c.close();
      }
    }
    for (InProcessServer<?> s : servers) {
      s.close();
    }
    long deadline = System.nanoTime() + exitTimeout.toNanos();
    List<ProcessHandle> live = started(before);
    while (!live.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        // An exit this JVM is not told of (a zombie, a worker's own child) is seen on the next look.
        live.get(0).onExit().get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // Look again.
      }
      live = started(before);
    }
    for (ProcessHandle p : live) {
      found.add("worker process " + p.pid() + " (" + workerArgs(p) + ") was still running " + exitTimeout.toMillis()
          + " ms after the test; killed it");
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return found;
  }

  private static List<ProcessHandle> started(Leftovers before) {
    return workers().stream().filter(p -> !before.workerPids.contains(p.pid())).collect(Collectors.toList());
  }

  private static Set<LogStream> logStreams(Set<ClientConnection> connections) {
    Set<LogStream> s = new java.util.HashSet<>();
    for (ClientConnection c : connections) {
      for (long id : c.openLogStreams()) {
        s.add(new LogStream(c, id));
      }
    }
    return s;
  }

  private static String describe(ClientConnection c) {
    return c.worker().displayName() + " (" + c.worker().host() + ":" + c.worker().port() + ")";
  }

  private static String plural(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** This JVM's live descendants on this host that are rpc-parallel workers. */
  private static List<ProcessHandle> workers() {
    return ProcessHandle.current().descendants().filter(Leftovers::isRunning).filter(Leftovers::isWorker)
        .collect(Collectors.toList());
  }

  private static boolean isWorker(ProcessHandle p) {
    Optional<List<String>> args = arguments(p);
    // A process whose arguments cannot be read counts: better a clear failure than a worker left running.
    return args.isEmpty() || args.get().stream().anyMatch(a -> a.startsWith(WORKER_MARK));
  }

  /** The worker's arguments from {@code child-of-…} on: who spawned it, and its name. */
  private static String workerArgs(ProcessHandle p) {
    return arguments(p).map(args -> args.stream().dropWhile(a -> !a.startsWith(WORKER_MARK))
        .collect(Collectors.joining(" "))).orElse("arguments unknown");
  }

  /**
   * The arguments of {@code p}, from /proc on Linux ({@code ProcessHandle.Info} gives none once a
   * command line is long, as a worker's class path makes it).
   */
  private static Optional<List<String>> arguments(ProcessHandle p) {
    Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
    if (Files.isDirectory(Path.of("/proc/self"))) {
      try {
        String all = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        return all.isEmpty() ? Optional.empty() : Optional.of(List.of(all.split("\0")));
      } catch (IOException e) {
        return Optional.of(List.of()); // gone since it was listed
      }
    }
    return p.info().arguments().map(List::of);
  }

  /** Whether {@code p} is running: alive and, on Linux, not a zombie waiting to be reaped. */
  private static boolean isRunning(ProcessHandle p) {
    Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      return p.isAlive();
    }
    try {
      String s = Files.readString(stat);
      // pid (comm) S ...: the state follows the last ')'.
      char state = s.substring(s.lastIndexOf(')') + 2).charAt(0);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
