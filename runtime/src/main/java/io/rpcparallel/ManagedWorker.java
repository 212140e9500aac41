package io.rpcparallel;

import io.netty.channel.ConnectTimeoutException;
import io.rpcparallel.internal.spawn.Spawner;
import java.net.ConnectException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
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
 * <p>A worker that is gone is told apart from a connection that could not be made: when opening a
 * connection fails, {@link #client()} and {@link #run} throw
 * <ul>
 *   <li>the {@link WorkerDiedException} with the worker's exit status ({@code "worker <name> died
 *       with exit status <n>"}, {@link WorkerDiedException#exitCode()} present) if this process
 *       spawned it and has seen it exit (for a minute after the exit, and after that for the last
 *       256 workers to exit), or if this managed worker was told so earlier;
 *   <li>else, if this managed worker had a connection to it that was lost and the worker's address
 *       now refuses connections, a {@link WorkerDiedException} {@code "worker <name> is gone: …"}
 *       with no exit status, whose cause is the {@link ConnectionException};
 *   <li>else (no connection was ever open, or the connect timed out rather than being refused)
 *       the {@link ConnectionException}.
 * </ul>
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
  /** Connections {@link #close()} closed whose loss has not been heard yet: those are not reported. */
  private final Set<CompletableFuture<C>> closedByUs = Collections.newSetFromMap(new IdentityHashMap<>());
  /** A connection of this managed worker was lost, other than by kill() or close(). */
  private boolean lostOne;
  /** How the worker died, once a connect failed and this process knew its exit. */
  private WorkerDiedException died;

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
      if (current != null && current.isDone() && !current.isCompletedExceptionally()
          && current.join().control().closed().isDone()) {
        lostOne = true; // lost, and its report may not have run yet
      }
      if (current == null || current.isCompletedExceptionally()
          || (current.isDone() && current.join().control().closed().isDone())) {
        current = new CompletableFuture<>();
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
   * process spawned it, rather than with the socket's "connection refused" (see the class comment).
   */
  private RuntimeException explain(RuntimeException e) {
    if (e instanceof WorkerDiedException) {
      return e;
    }
    Optional<WorkerDiedException> known = Spawner.get().death(worker.id());
    WorkerDiedException gone;
    boolean lost;
    synchronized (this) {
      if (known.isPresent()) {
        died = known.get();
      }
      gone = died;
      lost = lostOne;
    }
    if (gone != null) {
      // A fresh exception each time, so that each caller's failure has its own stack.
      WorkerDiedException again = new WorkerDiedException(gone.getMessage(), gone.exitCode());
      again.addSuppressed(e);
      return again;
    }
    if (lost && refused(e)) {
      WorkerDiedException again = new WorkerDiedException("worker " + worker.displayName() + " is gone: the"
          + " connection to it was lost, and " + worker.host() + ":" + worker.port() + " now refuses connections"
          + " (its exit status is known only to the process that spawned it)", OptionalInt.empty());
      again.initCause(e);
      return again;
    }
    return e;
  }

  /** Whether {@code e} says that nothing listens at the worker's address (not a timeout). */
  private static boolean refused(Throwable e) {
    Throwable c = e;
    for (int depth = 0; c != null && depth < 16; depth++, c = c.getCause()) {
      if (c instanceof ConnectException && !(c instanceof ConnectTimeoutException)) {
        return true;
      }
    }
    return false;
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

  /**
   * Hears that the connection of {@code attempt} closed, once per connection: reported unless this
   * managed worker closed it or killed the worker (a caller may already have replaced it).
   */
  private void lost(CompletableFuture<C> attempt) {
    synchronized (this) {
      if (current == attempt) {
        current = null;
      }
      if (closedByUs.remove(attempt) || killed) {
        return;
      }
      lostOne = true;
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

  /**
   * Closes the cached connection, if any (one being opened, once it is open); the worker lives on.
   * No callback follows.
   */
  @Override
  public void close() {
    CompletableFuture<C> c;
    synchronized (this) {
      c = current;
      current = null;
      if (c != null) {
        closedByUs.add(c);
      }
    }
    if (c != null) {
      c.whenComplete((connection, failure) -> {
        if (connection != null) {
          connection.close();
        } else {
          synchronized (this) {
            closedByUs.remove(c);
          }
        }
      });
    }
  }
}
