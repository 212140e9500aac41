package io.rpcparallel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of this process's workers, from {@link RpcParallel#status()}: for a health page, a
 * debugger or a dashboard. A value: it does not change once taken; take another for news.
 *
 * <p>"This process's workers" are the workers it spawned (from the start of their spawn until a
 * minute after they exit, so a dead one can still be seen) and the workers it holds an open
 * connection to (made by {@code spawnAndConnect}, {@code XRpc.connect} or a managed worker),
 * whoever spawned them or serves them. A worker in both groups is listed once. A spawned worker's
 * own connection to this process (its registration) is not a connection of this process's.
 *
 * @param takenAt when the snapshot was taken
 * @param workers the workers: those this process spawned, in spawn order, then those it is only
 *     connected to, by id
 */
public record RpcStatus(Instant takenAt, List<WorkerStatus> workers) {
  /**
   * Holds a snapshot; no component may be null.
   *
   * @param takenAt when it was taken
   * @param workers the workers, copied
   */
  public RpcStatus {
    Objects.requireNonNull(takenAt, "takenAt");
    workers = List.copyOf(workers);
  }

  /**
   * {@return the snapshot as a table, one line per worker after a heading}, for example:
   *
   * <pre>
   * rpc-parallel status at 2025-06-01T12:00:00Z: 2 workers
   * NAME  ID     STATE  HOW    HOST:PORT        PID  SHUTDOWN_ON        CONNS  IN_FLIGHT  STREAMS  UPTIME
   * sq-0  812-1  UP     LOCAL  127.0.0.1:40711  901  CONNECTION_CLOSED  1      1          0        2.4s
   * sq-1  812-2  DEAD   LOCAL  127.0.0.1:40713  917  CONNECTION_CLOSED  0      0          0        1.9s (exit 0)
   * </pre>
   * Unknown values show as {@code -}.
   */
  @Override
  public String toString() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "ID", "STATE", "HOW", "HOST:PORT", "PID", "SHUTDOWN_ON", "CONNS", "IN_FLIGHT",
        "STREAMS", "UPTIME"});
    for (WorkerStatus w : workers) {
      rows.add(new String[] {
          w.name().orElse("-"),
          w.id(),
          w.state().name(),
          w.how().map(Enum::name).orElse("-"),
          w.host().isEmpty() ? "-" : w.host() + ":" + w.port(),
          w.pid().isPresent() ? Long.toString(w.pid().getAsLong()) : "-",
          w.shutdownOn().map(Enum::name).orElse("-"),
          Integer.toString(w.connections()),
          Integer.toString(w.callsInFlight()),
          Integer.toString(w.streamsOpen()),
          w.uptime().map(RpcStatus::seconds).orElse("-")
              + (w.exitStatus().isPresent() ? " (exit " + w.exitStatus().getAsInt() + ")" : "")});
    }
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder("rpc-parallel status at ").append(takenAt).append(": ")
        .append(workers.size()).append(workers.size() == 1 ? " worker" : " workers");
    for (String[] row : rows) {
      sb.append('\n');
      for (int i = 0; i < row.length; i++) {
        sb.append(row[i]);
        if (i < row.length - 1) {
          sb.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
    }
    return sb.toString();
  }

  /** A duration in seconds, to a tenth. */
  private static String seconds(Duration d) {
    long tenths = d.toMillis() / 100;
    return tenths / 10 + "." + tenths % 10 + "s";
  }
}
