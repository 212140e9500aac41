package io.rpcparallel.internal.spawn;

import io.rpcparallel.ShutdownOn;
import io.rpcparallel.WorkerStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code RpcParallel.status()} knows of a worker this process spawned, filled in as its
 * spawn goes on and when it exits. Written by the spawn and the exit, read by any thread.
 */
final class Tracked {
  final String id;
  final Optional<String> name;
  final String interfaceName;
  final WorkerStatus.How how;
  final ShutdownOn shutdownOn;
  final long startNanos = System.nanoTime();
  /** The order of spawns, for listing. */
  final long sequence;
  private volatile WorkerStatus.State state = WorkerStatus.State.STARTING;
  private volatile String host = "";
  private volatile int port;
  private volatile long pid = -1;
  private volatile int exitStatus;
  private volatile long endNanos;
  /** The process carrying the worker, once launched: its end is seen here before the exit hook runs. */
  private volatile Process process;

  Tracked(String id, Optional<String> name, String interfaceName, WorkerStatus.How how, ShutdownOn shutdownOn,
      long sequence) {
    this.id = id;
    this.name = name;
    this.interfaceName = interfaceName;
    this.how = how;
    this.shutdownOn = shutdownOn;
    this.sequence = sequence;
  }

  /** The worker's launch started {@code p} (locally the worker itself; remotely what carries its pipes). */
  void launched(Process p) {
    process = p;
  }

  /** The worker registered: it listens at {@code host:port} and is process {@code pid} there. */
  void up(String host, int port, long pid) {
    this.host = host;
    this.port = port;
    this.pid = pid;
    this.state = WorkerStatus.State.UP;
  }

  /** The worker exited with {@code status}. */
  void dead(int status) {
    exitStatus = status;
    endNanos = System.nanoTime();
    state = WorkerStatus.State.DEAD; // last: a reader that sees DEAD sees the status
  }

  /** Whether the worker's exit hook ran more than {@code kept} before {@code nowNanos} ({@link System#nanoTime}). */
  boolean deadLongerThan(Duration kept, long nowNanos) {
    return state == WorkerStatus.State.DEAD && nowNanos - endNanos > kept.toNanos();
  }

  /** The time from the start of the spawn to now, or to the exit. */
  Duration uptime() {
    return Duration.ofNanos((state == WorkerStatus.State.DEAD ? endNanos : System.nanoTime()) - startNanos);
  }

  WorkerStatus status(int connections, int callsInFlight, int streamsOpen) {
    WorkerStatus.State s = state;
    long p = pid;
    Duration up = uptime();
    OptionalInt exit = s == WorkerStatus.State.DEAD ? OptionalInt.of(exitStatus) : OptionalInt.empty();
    Process proc = process;
    if (s == WorkerStatus.State.UP && proc != null && !proc.isAlive()) {
      // It has exited and its exit hook has not run yet: say so already.
      s = WorkerStatus.State.DEAD;
      exit = OptionalInt.of(proc.exitValue());
    }
    return new WorkerStatus(id, name, interfaceName, host, port, p < 0 ? OptionalLong.empty() : OptionalLong.of(p),
        Optional.of(how), Optional.of(shutdownOn), s, exit, connections, callsInFlight, streamsOpen, Optional.of(up));
  }
}
