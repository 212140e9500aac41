package io.rpcparallel.internal.dashboard;

import io.rpcparallel.RpcParallel;
import io.rpcparallel.WorkerStatus;
import io.rpcparallel.internal.transport.ClientConnection;
import io.rpcparallel.internal.transport.ProcessStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The dashboard's worker table: {@link RpcParallel#status()}, plus what only a watched page needs.
 * A worker is {@code stalled} while every connection to it has been quiet (not even a heartbeat)
 * for more than two heartbeat intervals; its CPU and memory are what the worker itself reports
 * when asked on one of this process's open connections to it, at most once a second.
 */
final class WorkerTable {
  /**
   * One row.
   *
   * @param status the worker's status
   * @param state {@code starting}, {@code up}, {@code stalled} or {@code dead}
   * @param quiet how long the worker has sent nothing on any open connection (empty with none)
   * @param cpuPercent its CPU use between its last two reports, in percent of one core
   * @param rssBytes its resident memory, as last reported
   * @param heapUsed its Java heap in use, as last reported
   */
  record Row(WorkerStatus status, String state, java.util.Optional<Duration> quiet, OptionalDouble cpuPercent,
      OptionalLong rssBytes, OptionalLong heapUsed) {}

  /** How often a worker is asked for its figures. */
  private static final long ASK_EVERY_NANOS = 1_000_000_000L;

  /** Per worker id: the last two reports and whether a question is out. */
  private final Map<String, Reports> reports = new HashMap<>();

  private static final class Reports {
    ProcessStats last;
    ProcessStats before;
    long askedAt;
    boolean asking;
  }

  /** {@return the rows now}; asks workers due for a report, without waiting for their answers */
  synchronized List<Row> rows() {
    Map<String, List<ClientConnection>> open = new HashMap<>();
    for (ClientConnection c : ClientConnection.openNow()) {
      open.computeIfAbsent(c.worker().id(), k -> new ArrayList<>()).add(c);
    }
    List<Row> rows = new ArrayList<>();
    long now = System.nanoTime();
    // This run's settings (a connection's settings() would ask the worker, which may be stopped).
    Duration stallAfter = RpcParallel.settings().heartbeatInterval().multipliedBy(2);
    for (WorkerStatus w : RpcParallel.status().workers()) {
      List<ClientConnection> conns = open.getOrDefault(w.id(), List.of());
      Duration quiet = null;
      for (ClientConnection c : conns) {
        Duration q = c.quiet();
        quiet = quiet == null || q.compareTo(quiet) < 0 ? q : quiet;
      }
      String state = w.state().name().toLowerCase(Locale.ROOT);
      if (w.state() == WorkerStatus.State.UP && quiet != null
          && quiet.compareTo(stallAfter) > 0) {
        state = "stalled";
      }
      Reports r = reports.computeIfAbsent(w.id(), k -> new Reports());
      if (w.state() == WorkerStatus.State.UP && !conns.isEmpty() && !r.asking && now - r.askedAt >= ASK_EVERY_NANOS) {
        ask(conns.get(0), r, now);
      }
      OptionalDouble cpu = OptionalDouble.empty();
      OptionalLong rss = OptionalLong.empty();
      OptionalLong heap = OptionalLong.empty();
      if (r.last != null && w.state() != WorkerStatus.State.DEAD) {
        double percent = r.before != null ? r.last.cpuPercentSince(r.before) : -1;
        cpu = percent >= 0 ? OptionalDouble.of(percent) : OptionalDouble.empty();
        rss = r.last.rssBytes() >= 0 ? OptionalLong.of(r.last.rssBytes()) : OptionalLong.empty();
        heap = OptionalLong.of(r.last.heapUsed());
      }
      rows.add(new Row(w, state, java.util.Optional.ofNullable(quiet), cpu, rss, heap));
    }
    // Forget workers no longer listed.
    java.util.Set<String> listed = new java.util.HashSet<>();
    rows.forEach(row -> listed.add(row.status().id()));
    reports.keySet().retainAll(listed);
    return rows;
  }

  private void ask(ClientConnection c, Reports r, long now) {
    r.asking = true;
    r.askedAt = now;
    c.processStats().whenComplete((stats, failure) -> {
      synchronized (this) {
        r.asking = false;
        if (stats != null) {
          r.before = r.last;
          r.last = stats;
        }
      }
    });
  }
}
