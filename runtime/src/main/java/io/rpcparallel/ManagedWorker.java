package io.rpcparallel;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A worker reached through one cached connection, opened on demand and opened again after it is
 * lost (rpc_parallel's {@code Managed}). Concurrent callers that find no connection share one
 * attempt to open it. When an open connection is lost other than through {@link #kill()} or
 * {@link #close()}, {@code onConnectionClosed} is called exactly once, with
 * {@value #LOST_CONNECTION}.
 *
 * <pre>{@code
 * Worker<Counter> handle = CounterRpc.spawn(CounterImpl.class, init,
 *     SpawnOptions.defaults().withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
 * ManagedWorker<Counter, CounterClient> managed =
 *     ManagedWorker.of(handle, CounterRpc::connect, reason -> log.warn(reason));
 * long total = managed.run(c -> c.add(1));
 * }</pre>
 *
 * @param <X> the worker interface
 * @param <C> its generated client
 */
public final class ManagedWorker<X, C extends RpcClient> implements AutoCloseable {
  /** The reason given to {@code onConnectionClosed}. */
  public static final String LOST_CONNECTION = "Lost connection with worker";

  private final Worker<X> worker;
  private final Function<Worker<X>, C> connect;
  private final Consumer<String> onConnectionClosed;
  private CompletableFuture<C> current;
  private boolean killed;
  private boolean closing;

  private ManagedWorker(Worker<X> worker, Function<Worker<X>, C> connect, Consumer<String> onConnectionClosed) {
    this.worker = Objects.requireNonNull(worker, "worker");
    this.connect = Objects.requireNonNull(connect, "connect");
    this.onConnectionClosed = Objects.requireNonNull(onConnectionClosed, "onConnectionClosed");
  }

  /**
   * Manages {@code worker}, opening connections with {@code connect} (the generated
   * {@code XRpc::connect}). The worker should have been spawned in {@code HEARTBEAT_TIMEOUT} or
   * {@code EXPLICIT} mode, so that it outlives a lost connection.
   *
   * @param worker the worker to manage
   * @param connect opens a connection to the worker
   * @param onConnectionClosed hears, with {@link #LOST_CONNECTION}, that an open connection was
   *     lost
   * @param <X> the worker interface
   * @param <C> its generated client
   * @return the managed worker; no connection is opened yet
   */
  public static <X, C extends RpcClient> ManagedWorker<X, C> of(Worker<X> worker, Function<Worker<X>, C> connect,
      Consumer<String> onConnectionClosed) {
    return new ManagedWorker<>(worker, connect, onConnectionClosed);
  }

  /** {@return the handle of the managed worker} */
  public Worker<X> worker() {
    return worker;
  }

  /**
   * {@return the cached connection, opened now if there is none (or the last one was lost)}
   *
   * @throws IllegalStateException if the worker was killed through {@link #kill()}
   */
  public C client() {
    CompletableFuture<C> attempt;
    boolean mine = false;
    synchronized (this) {
      if (killed) {
        throw new IllegalStateException("worker " + worker.displayName() + " was killed");
      }
      if (current == null || current.isCompletedExceptionally()
          || (current.isDone() && current.join().control().closed().isDone())) {
        current = new CompletableFuture<>();
        closing = false;
        mine = true;
      }
      attempt = current;
    }
    if (mine) {
      try {
        C c = connect.apply(worker);
        c.control().closed().thenRun(() -> lost(attempt));
        attempt.complete(c);
      } catch (RuntimeException e) {
        synchronized (this) {
          if (current == attempt) {
            current = null;
          }
        }
        attempt.completeExceptionally(explain(e));
      }
    }
    try {
      return attempt.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /**
   * A connect that failed because the worker is gone says so, with its exit status when this
   * process spawned it, rather than with the socket's "connection refused".
   */
  private RuntimeException explain(RuntimeException e) {
    if (e instanceof WorkerDiedException) {
      return e;
    }
    return io.rpcparallel.internal.spawn.Spawner.get().death(worker.id()).map(died -> {
      died.addSuppressed(e);
      return (RuntimeException) died;
    }).orElse(e);
  }

  /**
   * Runs {@code call} with the cached connection (opening one if needed).
   *
   * @param call what to do with the connection
   * @param <R> the result type
   * @return what {@code call} returned
   */
  public <R> R run(Function<? super C, R> call) {
    return call.apply(client());
  }

  private void lost(CompletableFuture<C> attempt) {
    synchronized (this) {
      if (current != attempt) {
        return;
      }
      current = null;
      if (killed || closing) {
        return;
      }
    }
    onConnectionClosed.accept(LOST_CONNECTION);
  }

  /** Shuts the worker down (connecting if needed). No {@code onConnectionClosed} call follows. */
  public void kill() {
    C c = client();
    synchronized (this) {
      killed = true;
    }
    c.control().shutdown();
  }

  /** Closes the cached connection, if any; the worker lives on. No callback follows. */
  @Override
  public void close() {
    CompletableFuture<C> c;
    synchronized (this) {
      closing = true;
      c = current;
      current = null;
    }
    if (c != null && c.isDone() && !c.isCompletedExceptionally()) {
      c.join().close();
    }
  }
}
