package io.rpcparallel;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A connection to a worker without a process, for tests of what sits above connections (map-reduce
 * jobs, managed workers): it answers each call at once until it "dies" or is cut, and counts its
 * shutdowns.
 */
public final class FakeWorker implements RpcClient, WorkerControl<Object> {
  private final int index;
  private final Worker<Object> handle;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final AtomicInteger shutdowns = new AtomicInteger();
  private volatile boolean dead;

  /** A connection to worker {@code id}, of pool index {@code index} (for map-reduce). */
  public FakeWorker(int index, String id) {
    this.index = index;
    this.handle = new Worker<>("Fake", "0", "127.0.0.1", 1, id, Optional.of("map-" + index));
  }

  public int index() {
    return index;
  }

  /** Whether it died. */
  public boolean dead() {
    return dead;
  }

  /** How many times it was told to shut down. */
  public int shutdowns() {
    return shutdowns.get();
  }

  /** A call: {@code work}'s value, or a {@link WorkerDiedException} once the worker is dead. */
  public <O> CompletableFuture<O> call(Supplier<O> work) {
    return dead ? CompletableFuture.failedFuture(died()) : CompletableFuture.completedFuture(work.get());
  }

  /** Dies under the call being made, which fails like every call to a dead worker. */
  public <O> CompletableFuture<O> die() {
    dead = true;
    closed.complete(null);
    return CompletableFuture.failedFuture(died());
  }

  /** Loses the connection while the worker lives on. */
  public void cut() {
    closed.complete(null);
  }

  private WorkerDiedException died() {
    return new WorkerDiedException("worker " + handle.displayName() + " died with exit status 137",
        OptionalInt.of(137));
  }

  @Override public WorkerControl<Object> control() {
    return this;
  }

  @Override public Worker<Object> worker() {
    return handle;
  }

  @Override public boolean encrypted() {
    return false;
  }

  @Override public void shutdown() {
    shutdowns.incrementAndGet();
    closed.complete(null);
  }

  @Override public void closeServer() {}

  @Override public RpcSettings settings() {
    return RpcSettings.DEFAULTS;
  }

  @Override public Flow.Publisher<LogRecord> logs() {
    throw new UnsupportedOperationException("a fake worker has no logs");
  }

  @Override public CompletableFuture<Void> closed() {
    return closed;
  }

  @Override public void close() {
    closed.complete(null);
  }
}
