package io.rpcparallel.internal.transport;

import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker's own figures about its process, as it reports them to a master that asks (the
 * dashboard does, about once a second while a browser watches): the same for local, ssh and
 * Slurm workers, since the worker reads them itself.
 *
 * @param nanoTime the worker's {@link System#nanoTime()} when it took them: CPU use is the change
 *     in {@code cpuNanos} over the change in this, between two samples
 * @param cpuNanos the CPU time its process has used (user and system), or -1 if unknown
 * @param rssBytes its process's resident memory, or -1 if unknown (read from {@code /proc/self/status} on Linux)
 * @param heapUsed the Java heap in use
 * @param heapMax the most heap the JVM will use, or -1 if unbounded
 */
public record ProcessStats(long nanoTime, long cpuNanos, long rssBytes, long heapUsed, long heapMax) {
  private static final Path STATUS = Path.of("/proc/self/status");

  /** {@return this process's figures now} */
  public static ProcessStats sample() {
    long now = System.nanoTime();
    long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    long rss = -1;
    try {
      // "VmRSS:   73412 kB", in kB whatever the page size.
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc not mounted: unknown.
    }
    Runtime rt = Runtime.getRuntime();
    long max = rt.maxMemory();
    return new ProcessStats(now, cpu, rss, rt.totalMemory() - rt.freeMemory(), max == Long.MAX_VALUE ? -1 : max);
  }

  /** Writes these figures as the reply of {@code BUILTIN_PROCESS_STATS}. */
  public void encode(WireOutput out) {
    out.writeLong(nanoTime);
    out.writeLong(cpuNanos);
    out.writeLong(rssBytes);
    out.writeLong(heapUsed);
    out.writeLong(heapMax);
  }

  /** Reads what {@link #encode} wrote. */
  public static ProcessStats decode(WireInput in) {
    return new ProcessStats(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
  }

  /**
   * {@return the CPU this process used between {@code earlier} and this sample, in percent of one
   * core, or -1 if either sample lacks CPU time or they are not in order}
   */
  public double cpuPercentSince(ProcessStats earlier) {
    long wall = nanoTime - earlier.nanoTime;
    if (cpuNanos < 0 || earlier.cpuNanos < 0 || wall <= 0) {
      return -1;
    }
    return 100.0 * (cpuNanos - earlier.cpuNanos) / wall;
  }
}
