package io.rpcparallel.internal.metrics;

import io.rpcparallel.internal.MethodNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls per worker interface method over the last minute: how many, how many failed, and their
 * latency (from send to reply, as the caller sees it). Recording is on only while {@link #enable}d
 * (the dashboard turns it on while a browser watches): otherwise a call pays one volatile read.
 *
 * <p>Each method keeps 60 one-second slots of counts and 10 six-second slots of a latency
 * histogram (four buckets per power of two, so a percentile is within 25% of the true value),
 * overwritten as time moves on: memory per method is fixed.
 */
public final class CallMetrics {
  /** Seconds of history. */
  public static final int SECONDS = 60;
  private static final int HIST_SLOTS = 10;
  private static final int HIST_SLOT_SECONDS = SECONDS / HIST_SLOTS;
  private static final int BUCKETS = 64 * 4;
  private static final long BASE = System.nanoTime();

  private static volatile boolean enabled;
  private static final Map<String, Map<Integer, Method>> METHODS = new ConcurrentHashMap<>();

  private CallMetrics() {}

  /** Turns recording on or off; what was recorded stays, and ages out of the last minute. */
  public static void enable(boolean on) {
    enabled = on;
  }

  /** {@return the time to pass to {@link #record} for a call sent now, or 0 when recording is off} */
  public static long start() {
    return enabled ? Math.max(1, System.nanoTime()) : 0;
  }

  /**
   * Records a call that ended (a reply or an error) if it was sent while recording was on.
   *
   * @param interfaceName the worker interface's name
   * @param methodId the method's id
   * @param start what {@link #start()} returned when it was sent
   * @param failed whether it ended with an error
   */
  public static void record(String interfaceName, int methodId, long start, boolean failed) {
    if (start == 0) {
      return;
    }
    long now = System.nanoTime();
    Map<Integer, Method> methods = METHODS.get(interfaceName);
    if (methods == null) {
      methods = METHODS.computeIfAbsent(interfaceName, k -> new ConcurrentHashMap<>());
    }
    Method m = methods.get(methodId);
    if (m == null) {
      m = methods.computeIfAbsent(methodId, id -> new Method(interfaceName, id));
    }
    m.record(now, now - start, failed);
  }

  /** One method's last minute. */
  public record MethodStats(String method, long calls, long errors, double ratePerSecond, double p50Millis,
      double p90Millis, double p99Millis, double maxMillis, long[] perSecond) {}

  /** {@return every method called in the last minute, by name} */
  public static List<MethodStats> snapshot() {
    long now = System.nanoTime();
    List<MethodStats> out = new ArrayList<>();
    for (Map<Integer, Method> methods : METHODS.values()) {
      for (Method m : methods.values()) {
        MethodStats s = m.stats(now);
        if (s.calls() > 0) {
          out.add(s);
        }
      }
    }
    out.sort((a, b) -> a.method().compareTo(b.method()));
    return out;
  }

  /** Forgets everything recorded (a new dashboard starts afresh). */
  public static void reset() {
    METHODS.clear();
  }

  private static final class Method {
    private final String interfaceName;
    private final int id;
    private final long[] counts = new long[SECONDS];
    private final long[] errors = new long[SECONDS];
    private final long[] countSecond = new long[SECONDS];
    private final long[][] hist = new long[HIST_SLOTS][BUCKETS];
    private final long[] histMax = new long[HIST_SLOTS];
    private final long[] histSlot = new long[HIST_SLOTS];

    Method(String interfaceName, int id) {
      this.interfaceName = interfaceName;
      this.id = id;
      java.util.Arrays.fill(countSecond, -1);
      java.util.Arrays.fill(histSlot, -1);
    }

    synchronized void record(long now, long nanos, boolean failed) {
      long second = (now - BASE) / 1_000_000_000L;
      int i = (int) (second % SECONDS);
      if (countSecond[i] != second) {
        countSecond[i] = second;
        counts[i] = 0;
        errors[i] = 0;
      }
      counts[i]++;
      if (failed) {
        errors[i]++;
      }
      long slot = second / HIST_SLOT_SECONDS;
      int h = (int) (slot % HIST_SLOTS);
      if (histSlot[h] != slot) {
        histSlot[h] = slot;
        java.util.Arrays.fill(hist[h], 0);
        histMax[h] = 0;
      }
      hist[h][bucket(nanos)]++;
      histMax[h] = Math.max(histMax[h], nanos);
    }

    synchronized MethodStats stats(long now) {
      long second = (now - BASE) / 1_000_000_000L;
      long[] perSecond = new long[SECONDS];
      long calls = 0;
      long errs = 0;
      long oldest = second;
      for (int k = 0; k < SECONDS; k++) {
        long s = second - (SECONDS - 1) + k;
        int i = (int) (Math.floorMod(s, SECONDS));
        if (s >= 0 && countSecond[i] == s) {
          perSecond[k] = counts[i];
          calls += counts[i];
          errs += errors[i];
          if (counts[i] > 0) {
            oldest = Math.min(oldest, s);
          }
        }
      }
      long[] merged = new long[BUCKETS];
      long total = 0;
      long max = 0;
      long slot = second / HIST_SLOT_SECONDS;
      for (int h = 0; h < HIST_SLOTS; h++) {
        if (histSlot[h] >= 0 && histSlot[h] > slot - HIST_SLOTS) {
          for (int b = 0; b < BUCKETS; b++) {
            merged[b] += hist[h][b];
            total += hist[h][b];
          }
          max = Math.max(max, histMax[h]);
        }
      }
      // The rate over the seconds that had calls, up to now (a job that started 5 s ago is not
      // averaged over a minute), the current second counting as a whole one.
      double seconds = Math.max(1, second - oldest + 1);
      String name = MethodNames.name(interfaceName, id);
      return new MethodStats(name, calls, errs, calls / seconds, percentile(merged, total, 0.50),
          percentile(merged, total, 0.90), percentile(merged, total, 0.99), max / 1e6, perSecond);
    }
  }

  /** Four buckets per power of two: the exponent, then the two bits after the leading one. */
  static int bucket(long nanos) {
    if (nanos < 4) {
      return (int) Math.max(0, nanos);
    }
    int exp = 63 - Long.numberOfLeadingZeros(nanos);
    int sub = (int) ((nanos >>> (exp - 2)) & 3);
    return exp * 4 + sub;
  }

  /** The upper bound of a bucket, in nanoseconds. */
  static long bucketTop(int bucket) {
    if (bucket < 8) {
      return bucket + 1;
    }
    int exp = bucket / 4;
    int sub = bucket % 4;
    return (1L << exp) + ((long) (sub + 1) << (exp - 2));
  }

  private static double percentile(long[] hist, long total, double q) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int b = 0; b < hist.length; b++) {
      seen += hist[b];
      if (seen >= rank) {
        return bucketTop(b) / 1e6;
      }
    }
    return bucketTop(hist.length - 1) / 1e6;
  }
}
