package io.rpcparallel.it;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.it.edge.EdgeWorkerClient;
import io.rpcparallel.it.edge.EdgeWorkerImpl;
import io.rpcparallel.it.edge.EdgeWorkerRpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A master run as its own JVM (so that its peak resident size is its own) by the reliability
 * probes: sends {@code args[0]} asynchronous calls at once on one connection to one worker, then
 * prints {@code CORRECT <n>}, {@code SECONDS <s>}, {@code MASTER_PEAK_KIB}, {@code WORKER_PEAK_KIB}
 * (VmHWM) and the worker's thread counts before and at the peak.
 */
public final class AsyncFloodProgram {
  private AsyncFloodProgram() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    try (EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("async-flood"))) {
      long pid = w.pid();
      w.echo("warm");
      int threadsBefore = w.peakThreads();
      long t0 = System.nanoTime();
      List<CompletableFuture<String>> calls = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        calls.add(w.async().echo(Integer.toString(i)));
      }
      int correct = 0;
      for (int i = 0; i < n; i++) {
        if (Integer.toString(i).equals(calls.get(i).get(120, TimeUnit.SECONDS))) {
          correct++;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      int threadsPeak = w.peakThreads();
      System.out.println("CORRECT " + correct);
      System.out.println("SECONDS " + seconds);
      System.out.println("MASTER_PEAK_KIB " + peakKib(ProcessHandle.current().pid()));
      System.out.println("WORKER_PEAK_KIB " + peakKib(pid));
      System.out.println("WORKER_THREADS_BEFORE " + threadsBefore);
      System.out.println("WORKER_THREADS_PEAK " + threadsPeak);
    }
    System.out.println("DONE");
  }

  /** The peak resident set size of {@code pid} (VmHWM), in KiB; -1 where /proc has none. */
  static long peakKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }
}
