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
 * opened, when younger). Each look samples the streams' own counters (kept by the stream layer
 * whether or not anyone looks: one opaque store per item); a stream's samples go with it.
 */
final class StreamRates {
  /** Seconds the rates are taken over. */
  static final int WINDOW_SECONDS = 5;
  private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

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
   * @param itemsPerSecond items per second over the window
   * @param bytesPerSecond bytes per second over the window
   * @param openMillis how long it has been open
   */
  record Row(String workerId, String worker, long id, boolean inbound, String method, boolean builtin, long items,
      long bytes, double itemsPerSecond, double bytesPerSecond, long openMillis) {}

  private record Key(ClientConnection connection, long id) {}

  /** A stream's count at a time. */
  private record Sample(long nanos, long items, long bytes) {}

  private final Map<Key, ArrayDeque<Sample>> samples = new HashMap<>();

  /** {@return the open streams now, method streams first, by worker and id} */
  synchronized List<Row> rows() {
    long now = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    Set<Key> open = new HashSet<>();
    for (ClientConnection c : ClientConnection.openNow()) {
      for (StreamTable.OpenStream s : c.openStreams()) {
        Key key = new Key(c, s.id());
        open.add(key);
        ArrayDeque<Sample> history = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        history.addLast(new Sample(now, s.items(), s.bytes()));
        // Keep one sample at least a window old, so the rate spans the whole window.
        while (history.size() > 2) {
          Sample oldest = history.removeFirst();
          if (now - history.peekFirst().nanos() < WINDOW_NANOS) {
            history.addFirst(oldest);
            break;
          }
        }
        Sample base = history.size() > 1 ? history.peekFirst() : new Sample(s.openedNanos(), 0, 0);
        double seconds = (now - base.nanos()) / 1e9;
        double itemRate = seconds > 0 ? (s.items() - base.items()) / seconds : 0;
        double byteRate = seconds > 0 ? (s.bytes() - base.bytes()) / seconds : 0;
        rows.add(new Row(c.worker().id(), c.worker().displayName(), s.id(), s.inbound(),
            name(c.worker().interfaceName(), s), s.builtin(), s.items(), s.bytes(), itemRate, byteRate,
            (now - s.openedNanos()) / 1_000_000));
      }
    }
    samples.keySet().retainAll(open);
    rows.sort(Comparator.comparing(Row::builtin).thenComparing(Row::worker).thenComparingLong(Row::id));
    return rows;
  }

  private static String name(String interfaceName, StreamTable.OpenStream s) {
    if (s.builtin()) {
      return s.method() == Frames.BUILTIN_LOGS ? "logs (built-in)" : "built-in " + s.method();
    }
    return s.method() == StreamTable.NO_METHOD ? "(unknown)" : MethodNames.name(interfaceName, s.method());
  }
}
