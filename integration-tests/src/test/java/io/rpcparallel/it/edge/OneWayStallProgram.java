package io.rpcparallel.it.edge;

import io.rpcparallel.RpcException;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerStatus;
import java.util.concurrent.TimeUnit;

/**
 * A master run as its own JVM with a short {@code write_buffer_age_limit} and one call in flight
 * per connection (both from the environment): it holds its worker's only call slot with a one-way
 * call, so the worker stops reading, then sends 64 KiB one-way calls until one fails, and prints
 * how long that one blocked and with what it failed ({@code ONEWAY}), what a later one-way call
 * does ({@code AFTER}), and whether the connection is closed and forgotten ({@code CLOSED}). It
 * then releases the worker through a second connection and shuts it down ({@code PID}).
 */
public final class OneWayStallProgram {
  private OneWayStallProgram() {}

  public static void main(String[] args) throws Exception {
    EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class,
        SpawnOptions.named("not-reading").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    Worker<EdgeWorker> handle = w.control().worker();
    long pid = w.pid();
    w.hold("gate", new byte[0]); // the connection's one call slot: the worker reads no further
    byte[] payload = new byte[64 * 1024];
    int sent = 0;
    long blockedNanos = 0;
    RpcException failure = null;
    while (failure == null && sent < 100_000) {
      long start = System.nanoTime();
      try {
        w.hold("gate", payload);
        sent++;
      } catch (RpcException e) {
        failure = e;
      }
      blockedNanos = System.nanoTime() - start;
    }
    System.out.println("ONEWAY sent=" + sent + " blockedMs=" + TimeUnit.NANOSECONDS.toMillis(blockedNanos) + " "
        + (failure == null ? "none" : failure.getClass().getName() + ": " + failure.getMessage()));
    long start = System.nanoTime();
    try {
      w.hold("gate", payload);
      System.out.println("AFTER sent");
    } catch (RpcException e) {
      System.out.println("AFTER ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " "
          + e.getClass().getName() + ": " + e.getMessage());
    }
    w.control().closed().get(30, TimeUnit.SECONDS);
    int connections = RpcParallel.status().workers().stream().filter(s -> s.id().equals(handle.id()))
        .mapToInt(WorkerStatus::connections).sum();
    System.out.println("CLOSED connections=" + connections);
    w.close();
    try (EdgeWorkerClient other = EdgeWorkerRpc.connect(handle)) {
      other.open("gate");
      other.control().shutdown();
    }
    System.out.println("PID " + pid);
    System.out.flush();
  }
}
