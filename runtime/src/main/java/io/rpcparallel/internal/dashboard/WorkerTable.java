package io.rpcparallel.internal.dashboard;

import io.rpcparallel.internal.spawn.SpawnedWorkers;
import io.rpcparallel.internal.transport.ClientConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The dashboard's worker table, and the one place that knows where its rows come from: the
 * workers this process spawned ({@link SpawnedWorkers}) and its open connections to them.
 */
final class WorkerTable {
  /**
   * One row.
   *
   * @param id the worker's id
   * @param name its name (its id when it has none)
   * @param interfaceName its worker interface
   * @param how {@code local}, {@code ssh} or {@code slurm}
   * @param where where it runs
   * @param host the address it listens on (empty until registered)
   * @param pid its process id, once registered
   * @param shutdownOn its shutdown mode
   * @param state {@code starting}, {@code up}, {@code failed} or {@code dead}
   * @param exitStatus its exit status, once dead
   * @param uptime how long it has run (until it ended)
   * @param connections this process's open connections to it
   * @param callsInFlight calls sent on them that await their reply
   * @param cpuPercent its CPU use since the last look (local workers), in percent of one core
   * @param rssBytes its resident memory (local workers)
   */
  record Row(String id, String name, String interfaceName, String how, String where, String host, OptionalLong pid,
      String shutdownOn, String state, OptionalInt exitStatus, Duration uptime, int connections, int callsInFlight,
      OptionalDouble cpuPercent, OptionalLong rssBytes) {}

  private static final long CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux this runs on
  private static final long PAGE = 4096;

  /** CPU ticks and time of the last look, per pid. */
  private final Map<Long, long[]> lastCpu = new HashMap<>();

  /** {@return the rows now} */
  synchronized List<Row> rows() {
    Map<String, int[]> conns = new HashMap<>();
    for (ClientConnection c : ClientConnection.openConnections()) {
      int[] n = conns.computeIfAbsent(c.worker().id(), k -> new int[2]);
      n[0]++;
      n[1] += c.callsInFlight();
    }
    Instant now = Instant.now();
    List<Row> rows = new ArrayList<>();
    Map<Long, long[]> seen = new HashMap<>();
    for (SpawnedWorkers.View v : SpawnedWorkers.all()) {
      int[] n = conns.getOrDefault(v.id(), new int[2]);
      OptionalDouble cpu = OptionalDouble.empty();
      OptionalLong rss = OptionalLong.empty();
      if (v.how().equals("local") && v.pid().isPresent() && v.ended() == null) {
        long pid = v.pid().getAsLong();
        long[] sample = cpuTicks(pid);
        if (sample != null) {
          rss = OptionalLong.of(sample[1]);
          long[] sampleAt = {sample[0], System.nanoTime()};
          long[] last = lastCpu.get(pid);
          if (last != null && sampleAt[1] > last[1]) {
            double seconds = (sampleAt[1] - last[1]) / 1e9;
            cpu = OptionalDouble.of(100.0 * (sampleAt[0] - last[0]) / CLOCK_TICKS / seconds);
          }
          seen.put(pid, sampleAt);
        }
      }
      Instant end = v.ended() != null ? v.ended() : now;
      rows.add(new Row(v.id(), v.name(), v.interfaceName(), v.how(), v.where(), v.host(), v.pid(),
          v.shutdownOn().name(), v.state().name().toLowerCase(java.util.Locale.ROOT), v.exitStatus(),
          Duration.between(v.started(), end), n[0], n[1], cpu, rss));
    }
    // Keep a sample until the next look; forget pids no longer shown.
    lastCpu.keySet().retainAll(seen.keySet());
    for (Map.Entry<Long, long[]> e : seen.entrySet()) {
      long[] last = lastCpu.get(e.getKey());
      // Only move the baseline once a quarter second has passed, so close looks still measure.
      if (last == null || e.getValue()[1] - last[1] > 250_000_000L) {
        lastCpu.put(e.getKey(), e.getValue());
      }
    }
    return rows;
  }

  /** A local process's CPU ticks (user + system) and resident bytes, from /proc; null if unreadable. */
  private static long[] cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      long rssPages = Long.parseLong(f[21]);
      return new long[] {ticks, rssPages * PAGE};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
