package io.rpcparallel.internal.dashboard;

import io.rpcparallel.internal.MethodNames;
import io.rpcparallel.internal.stream.StreamTable;
import io.rpcparallel.internal.transport.ClientConnection;
import io.rpcparallel.internal.wire.Frames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's streams: every stream open on this process's connections to workers, with its
 * items and bytes so far and their rates over the last {@value #WINDOW_SECONDS} seconds (since it
 * opened, when younger; since the first look, just after a page opens). Each look samples the
 * streams' own counters (kept by the stream layer whether or not anyone looks: two opaque stores
 * per item); a stream's samples go with it, and all of them when no page watches.
 */
final class StreamRates {
  /** Seconds the rates are taken over. */
  static final int WINDOW_SECONDS = 5;
  private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;
  /** Past the window, a sample is still used: looks come every half second, and may come late. */
  private static final long SLACK_NANOS = 1_000_000_000L;

  /**
   * One open stream.
   *
   * @param workerId the worker at the other end
   * @param worker its name
   * @param id the stream's id on its connection
   * @param inbound whether this process reads it (the worker writes it)
   * @param method what it was opened for: {@code Interface.method}, or a built-in's name
   * @param builtin whether it is a built-in stream (a worker's log) rather than a method's
   * @param items items so far
   * @param bytes their encoded bytes
   * @param itemsPerSecond items per second over the window ({@code NaN} until known)
   * @param bytesPerSecond bytes per second over the window ({@code NaN} until known)
   * @param openMillis how long it has been open
   */
  record Row(String workerId, String worker, long id, boolean inbound, String method, boolean builtin, long items,
      long bytes, double itemsPerSecond, double bytesPerSecond, long openMillis) {}

  private record Key(ClientConnection connection, long id) {}

  /** A stream's count at a time. */
  private record Sample(long nanos, long items, long bytes) {}

  private final Map<Key, ArrayDeque<Sample>> samples = new HashMap<>();

  /**
   * {@return the open streams now, method streams first, by worker and id}. A rate is taken from
   * the oldest sample of the last {@value #WINDOW_SECONDS} seconds (and a little more: looks come
   * every half second) to now; with none, from the stream's opening if that was within the window;
   * else (a stream older than the first look) it is not known yet ({@code NaN}).
   */
  synchronized List<Row> rows() {
    long now = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    Set<Key> open = new HashSet<>();
    for (ClientConnection c : ClientConnection.openNow()) {
      for (StreamTable.OpenStream s : c.openStreams()) {
        Key key = new Key(c, s.id());
        open.add(key);
        ArrayDeque<Sample> history = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!history.isEmpty() && now - history.peekFirst().nanos() > WINDOW_NANOS + SLACK_NANOS) {
          history.removeFirst();
        }
        Sample base = history.peekFirst();
        if (base == null && now - s.openedNanos() <= WINDOW_NANOS + SLACK_NANOS) {
          base = new Sample(s.openedNanos(), 0, 0);
        }
        history.addLast(new Sample(now, s.items(), s.bytes()));
        double seconds = base == null ? 0 : (now - base.nanos()) / 1e9;
        double itemRate = seconds > 0 ? (s.items() - base.items()) / seconds : Double.NaN;
        double byteRate = seconds > 0 ? (s.bytes() - base.bytes()) / seconds : Double.NaN;
        rows.add(new Row(c.worker().id(), c.worker().displayName(), s.id(), s.inbound(),
            name(c.worker().interfaceName(), s), s.builtin(), s.items(), s.bytes(), itemRate, byteRate,
            (now - s.openedNanos()) / 1_000_000));
      }
    }
    samples.keySet().retainAll(open);
    rows.sort(Comparator.comparing(Row::builtin).thenComparing(Row::worker).thenComparingLong(Row::id));
    return rows;
  }

  /** Forgets every sample (no page watches: the next look starts afresh, holding no closed connection). */
  synchronized void forget() {
    samples.clear();
  }

  private static String name(String interfaceName, StreamTable.OpenStream s) {
    if (s.builtin()) {
      return s.method() == Frames.BUILTIN_LOGS ? "logs (built-in)" : "built-in " + s.method();
    }
    return s.method() == StreamTable.NO_METHOD ? "(unknown)" : MethodNames.name(interfaceName, s.method());
  }
}
