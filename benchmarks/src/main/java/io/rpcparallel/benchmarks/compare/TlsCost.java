package io.rpcparallel.benchmarks.compare;

import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One measurement of comparison 8 (TLS's cost), in a JVM of its own because
 * {@code transport_security} and the TLS provider are per process: spawns a worker, then measures
 * the blocking call (64 B, median µs), pipelined calls (64 B, up to 256 in flight, calls/s) and a
 * stream of 1 MiB items (MiB/s). Prints the three figures on one line. Args: milliseconds per
 * measurement.
 */
public final class TlsCost {
  private TlsCost() {}

  public static void main(String[] args) throws Exception {
    long millis = Long.parseLong(args[0]);
    try (BenchServiceClient c = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, SpawnOptions.named("tls-cost"))) {
      if (c.control().encrypted() != Boolean.getBoolean("bench.expectTls")) {
        throw new IllegalStateException("the connection's encryption is not what the run asked for");
      }
      byte[] small = new byte[64];
      double p50 = blockingP50(c, small, millis);
      pipelined(c, small, millis / 2);
      double calls = pipelined(c, small, millis);
      stream(c, millis / 2);
      double mib = stream(c, millis);
      System.out.printf("%.1f %.0f %.1f%n", p50, calls, mib);
    }
    RpcParallel.shutdown(Duration.ofSeconds(2));
    System.exit(0);
  }

  /** The median of blocking calls of {@code payload} (µs), after a warm-up: {@code millis * 5} calls, at least 2,000. */
  static double blockingP50(BenchServiceClient c, byte[] payload, long millis) {
    for (int i = 0; i < 5_000; i++) {
      c.echo(payload);
    }
    int n = (int) Math.max(2_000, millis * 5);
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      c.echo(payload);
      t[i] = System.nanoTime() - t0;
    }
    Arrays.sort(t);
    return t[n / 2] / 1e3;
  }

  static double pipelined(BenchServiceClient c, byte[] payload, long millis) throws InterruptedException {
    int window = 256;
    Semaphore room = new Semaphore(window);
    LongAdder done = new LongAdder();
    long t0 = System.nanoTime();
    long end = t0 + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      room.acquire();
      c.async().echo(payload).whenComplete((r, e) -> {
        done.increment();
        room.release();
      });
    }
    room.acquire(window);
    return done.sum() / ((System.nanoTime() - t0) / 1e9);
  }

  private static double stream(BenchServiceClient c, long millis) throws Exception {
    int size = 1 << 20;
    long t0 = System.nanoTime();
    long end = t0 + TimeUnit.MILLISECONDS.toNanos(millis);
    long bytes = 0;
    do {
      bytes += Compare.oursItems(c, size, 32);
    } while (System.nanoTime() < end);
    return bytes / (double) (1 << 20) / ((System.nanoTime() - t0) / 1e9);
  }
}
