package io.rpcparallel.internal.mapreduce;

import io.rpcparallel.ConnectionException;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.MapTask;
import io.rpcparallel.Progress;
import io.rpcparallel.ProgressListener;
import io.rpcparallel.RpcClient;
import io.rpcparallel.RpcException;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.WorkerFactory;
import io.rpcparallel.internal.spawn.Spawner;
import io.rpcparallel.internal.Failures;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.transport.ClientConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One map-reduce job: a pool of workers, a dispatcher thread that keeps each busy with a bounded
 * number of tasks, and a {@link Sink} that receives each output with its input's index. A worker
 * that dies has its unfinished tasks queued again (each input at most {@code maxAttempts} times)
 * and, if so configured, is replaced. A task that fails in the user's code fails the job.
 */
public final class Job<C extends RpcClient, I, O> {
  private static final Logger log = LoggerFactory.getLogger(Job.class);
  /**
   * Local spawns under way at once. A local spawn is mostly CPU (a JVM starting) and holds a thread
   * until its worker has registered: more at once would only slow each one down (past its spawn
   * timeout in a large pool) and hold a thread per worker. Remote spawns wait on other machines
   * and are not held back.
   */
  static final int LOCAL_SPAWNS_AT_ONCE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  /** Where outputs go. Every method is called with the job's lock held. */
  public interface Sink<O> {
    void accept(long index, O output);

    /** Outputs held and not yet consumed; new inputs wait while this is at the job's cap. */
    default int backlog() {
      return 0;
    }

    /** Whether the job has its answer and should stop (findMap). */
    default boolean satisfied() {
      return false;
    }
  }

  private record Task<I>(long index, I input, int attempts) {}

  /** How a job closed by its reader ends; the reader that closed it never sees it. */
  private static final class Cancelled extends RpcException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("the map-reduce job was closed before it finished");
    }
  }

  private final class Slot {
    final int index;
    final C client;
    final Set<Task<I>> tasks = new LinkedHashSet<>();
    boolean dead;

    Slot(int index, C client) {
      this.index = index;
      this.client = client;
    }
  }

  private final MapReduceConfig config;
  private final WorkerFactory<C> factory;
  private final Iterator<? extends I> inputs;
  private final OptionalLong total;
  private final MapTask<C, I, O> task;
  private final Sink<O> sink;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Slot> slots = new ArrayList<>();
  private final List<CompletableFuture<Void>> spawns = new ArrayList<>();
  private final Deque<Task<I>> retries = new ArrayDeque<>();
  // Inputs already pulled, in index order: a worker that answers takes its next task from here on
  // the thread that completed the answer, without waking the dispatcher (which refills it).
  private final Deque<Task<I>> ready = new ArrayDeque<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final Bounded localSpawns = new Bounded(RunContext.transport().executor(), LOCAL_SPAWNS_AT_ONCE);
  private final long started = System.nanoTime();
  private static final AtomicLong IDS = new AtomicLong();
  private final long id = IDS.incrementAndGet();
  private final Instant startedAt = Instant.now();
  private final List<Long> failedInputs = new ArrayList<>();
  private int starting;
  private int replacements;
  private boolean inputsExhausted;
  private volatile boolean stopped;
  private long nextIndex;
  private long completed;
  private long retried;
  private long failed;
  private RuntimeException lastSpawnError;

  public Job(MapReduceConfig config, WorkerFactory<C> factory, Iterator<? extends I> inputs, OptionalLong total,
      MapTask<C, I, O> task, Sink<O> sink) {
    config.validate();
    this.config = config;
    this.factory = factory;
    this.inputs = inputs;
    this.total = total;
    this.task = task;
    this.sink = sink;
  }

  /** Spawns the pool and starts dispatching. */
  public Job<C, I, O> start() {
    lock.lock();
    try {
      for (int i = 0; i < config.total(); i++) {
        spawn(i);
      }
    } finally {
      lock.unlock();
    }
    Jobs.started(this);
    done.whenComplete((v, e) -> Jobs.ended(this));
    Thread t = new Thread(this::dispatch, "rpc-parallel-mapreduce");
    t.setDaemon(true);
    t.start();
    return this;
  }

  /** The job's lock, for sinks whose consumers wait on outputs. */
  public ReentrantLock lock() {
    return lock;
  }

  /** Signalled (under the lock) whenever outputs or the job's state change. */
  public Condition changed() {
    return changed;
  }

  /** Completes when the job ends: normally once every input is done, or with its failure. */
  public CompletableFuture<Void> done() {
    return done;
  }

  /** Whether the job has ended (call under the lock). */
  public boolean ended() {
    return stopped;
  }

  /** Tells the dispatcher that a consumer took outputs (call under the lock). */
  public void consumed() {
    changed.signalAll();
  }

  /** Whether {@code failure} is how a job ends after {@link #cancel()}. */
  public static boolean isCancellation(Throwable failure) {
    return failure instanceof Cancelled;
  }

  /** Stops the job early: no more tasks, every worker shut down. Idempotent. */
  public void cancel() {
    finish(new Cancelled());
  }

  private int cap() {
    return Math.max(64, config.total() * config.maxInFlightPerWorker() * 4);
  }

  /** Inputs pulled ahead of the workers: one per task slot of the pool. */
  private int prefetch() {
    return config.total() * config.maxInFlightPerWorker();
  }

  /** The next task to run (retries first), or null; call under the lock. */
  private Task<I> nextTaskLocked() {
    Task<I> t = retries.poll();
    return t != null ? t : ready.poll();
  }

  private void spawn(int index) {
    starting++;
    spawns.add(CompletableFuture.runAsync(() -> {
      if (stopped) {
        spawnFailed(index, null); // queued behind other spawns, and the job ended meanwhile
        return;
      }
      C client;
      try {
        client = factory.spawn(index, config.optionsFor(index));
      } catch (RuntimeException e) {
        spawnFailed(index, e);
        return;
      }
      lock.lock();
      try {
        starting--;
        if (!stopped) {
          slots.add(new Slot(index, client));
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      if (ended()) {
        shutdownIfOrphan(client);
      }
      report(false);
    }, index < config.local() ? localSpawns : RunContext.transport().executor()));
  }

  private void spawnFailed(int index, RuntimeException e) {
    if (e != null) {
      log.warn("could not spawn map-reduce worker {}: {}", index, e.toString());
    }
    lock.lock();
    try {
      starting--;
      if (e != null) {
        lastSpawnError = e;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private int alive() {
    int n = 0;
    for (Slot s : slots) {
      if (!s.dead) {
        n++;
      }
    }
    return n;
  }

  private Slot freeSlot() {
    Slot best = null;
    for (Slot s : slots) {
      if (!s.dead && s.tasks.size() < config.maxInFlightPerWorker() && (best == null || s.tasks.size() < best.tasks.size())) {
        best = s;
      }
    }
    return best;
  }

  private int inFlight() {
    int n = 0;
    for (Slot s : slots) {
      if (!s.dead) {
        n += s.tasks.size();
      }
    }
    return n;
  }

  private void dispatch() {
    try {
      while (true) {
        Slot slot = null;
        Task<I> next = null;
        lock.lock();
        try {
          while (true) {
            if (stopped) {
              return;
            }
            if (sink.satisfied()
                || (inputsExhausted && retries.isEmpty() && ready.isEmpty() && inFlight() == 0)) {
              finishLocked(null);
              return;
            }
            if (alive() == 0 && starting == 0) {
              finishLocked(new RpcException("the map-reduce job has no worker left"
                  + (lastSpawnError == null ? "" : ": " + lastSpawnError.getMessage()), lastSpawnError));
              return;
            }
            // Retries go first and ignore the output cap: the output they complete may be the one
            // an ordered consumer is waiting for.
            slot = freeSlot();
            if (slot != null && (next = nextTaskLocked()) != null) {
              slot.tasks.add(next);
              break;
            }
            if (!inputsExhausted && ready.size() < prefetch() && sink.backlog() < cap()) {
              slot = null;
              break;
            }
            changed.await();
          }
        } finally {
          lock.unlock();
        }
        if (next != null) {
          run(slot, next);
          continue;
        }
        // Pulling an input may block (a slow producer): never under the lock.
        boolean more = inputs.hasNext();
        Task<I> pulled = more ? new Task<>(nextIndex++, inputs.next(), 0) : null;
        lock.lock();
        try {
          if (more) {
            ready.add(pulled);
          } else {
            inputsExhausted = true;
            changed.signalAll();
          }
        } finally {
          lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      finish(e);
    } catch (RuntimeException e) {
      finish(new RpcException("reading the map-reduce inputs failed: " + e, e));
    }
  }

  /**
   * Runs task {@code t}, already counted in {@code s.tasks}, then each next task its worker takes
   * on as it answers. A task whose future is already done when the map task returns is handled in
   * this loop, so synchronous failures never recurse.
   */
  private void run(Slot s, Task<I> t) {
    while (t != null) {
      CompletableFuture<O> f;
      try {
        f = task.apply(s.client, t.input());
        if (f == null) {
          f = CompletableFuture.failedFuture(new NullPointerException("the map task returned a null future"));
        }
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      if (!f.isDone()) {
        Task<I> started = t;
        f.whenComplete((o, e) -> run(s, completed(s, started, o, e)));
        return;
      }
      O output = null;
      Throwable error = null;
      try {
        output = f.join();
      } catch (CompletionException | CancellationException e) {
        error = e;
      }
      t = completed(s, t, output, error);
    }
  }

  /**
   * Takes a task's outcome; returns the next task its worker runs (already counted in
   * {@code s.tasks}), or null.
   */
  private Task<I> completed(Slot s, Task<I> t, O output, Throwable error) {
    boolean replace = false;
    Task<I> next = null;
    lock.lock();
    try {
      if (stopped || !s.tasks.remove(t)) {
        return null; // the job ended, or the task was already queued again when its worker died
      }
      if (error == null) {
        completed++;
        sink.accept(t.index(), output);
        if (sink.satisfied()) {
          finishLocked(null);
        }
      } else {
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof WorkerDiedException || cause instanceof ConnectionException) {
          replace = workerLost(s, t, cause);
        } else {
          failed++;
          failedInputs.add(t.index());
          finishLocked(new RpcException("the map task for input #" + t.index() + " failed: " + cause, cause));
        }
      }
      if (!stopped && !s.dead && (next = nextTaskLocked()) != null) {
        s.tasks.add(next);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (replace) {
      spawnReplacement(s.index);
    }
    report(false);
    return next;
  }

  /** Queues the dead worker's tasks again; returns whether to spawn a replacement. */
  private boolean workerLost(Slot s, Task<I> t, Throwable cause) {
    s.dead = true;
    List<Task<I>> lost = new ArrayList<>(s.tasks);
    lost.add(0, t);
    s.tasks.clear();
    log.warn("map-reduce worker {} was lost ({}); {} task(s) queued again", s.index, cause.getMessage(), lost.size());
    for (Task<I> task : lost) {
      int attempts = task.attempts() + 1;
      if (attempts >= config.maxAttempts()) {
        failed++;
        failedInputs.add(task.index());
        finishLocked(new RpcException("input #" + task.index() + " could not be done: its worker died "
            + attempts + " time(s), the limit (config.maxAttempts); last: " + cause.getMessage(), cause));
        return false;
      }
      retried++;
      retries.add(new Task<>(task.index(), task.input(), attempts));
    }
    RunContext.transport().executor().execute(() -> shutdown(s.client));
    if (config.replaceDeadWorkers() && replacements < config.total() * config.maxAttempts()) {
      replacements++;
      return true;
    }
    return false;
  }

  private void spawnReplacement(int index) {
    lock.lock();
    try {
      if (!stopped) {
        spawn(index);
      }
    } finally {
      lock.unlock();
    }
  }

  private void finish(Throwable error) {
    lock.lock();
    try {
      finishLocked(error);
    } finally {
      lock.unlock();
    }
  }

  private void finishLocked(Throwable error) {
    if (stopped) {
      return;
    }
    stopped = true;
    changed.signalAll();
    List<CompletableFuture<Void>> pending = new ArrayList<>(spawns);
    // Shut the pool down off the lock, then end the job once every worker process is gone. Spawns
    // still under way shut their own worker down (the job is stopped) before they complete.
    CompletableFuture.runAsync(() -> {
      CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).exceptionally(e -> null).join();
      List<C> clients = new ArrayList<>();
      lock.lock();
      try {
        for (Slot s : slots) {
          clients.add(s.client);
        }
      } finally {
        lock.unlock();
      }
      // All at once, without a thread per worker: each waits for its worker's process to end.
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (C c : clients) {
        all.add(shutdownAsync(c));
      }
      CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
      report(true);
      if (error == null) {
        done.complete(null);
      } else {
        done.completeExceptionally(error);
      }
    }, RunContext.transport().executor());
  }

  private void shutdownIfOrphan(C client) {
    lock.lock();
    boolean orphan;
    try {
      orphan = slots.stream().noneMatch(s -> s.client == client);
    } finally {
      lock.unlock();
    }
    if (orphan) {
      shutdown(client);
    }
  }

  /** Shuts a worker down and waits (bounded) for its process to end, if this process spawned it. */
  private static void shutdown(RpcClient c) {
    shutdownAsync(c).join();
  }

  /**
   * Shuts a worker down; completes once its process has ended if this process spawned it (at most
   * 10 s after it was told), else once it acknowledged. Holds no thread while it waits.
   */
  private static CompletableFuture<Void> shutdownAsync(RpcClient c) {
    Executor executor = RunContext.transport().executor();
    CompletableFuture<Void> told;
    try {
      told = c.control() instanceof ClientConnection cc ? cc.shutdownAsync()
          : CompletableFuture.runAsync(() -> c.control().shutdown(), executor);
    } catch (RuntimeException e) {
      told = CompletableFuture.failedFuture(e);
    }
    String id = c.control().worker().id();
    return told.handleAsync((v, e) -> {
      if (e != null) {
        c.close();
      }
      return Spawner.get().process(id);
    }, executor).thenCompose(p -> p.isEmpty() ? CompletableFuture.completedFuture(null)
        : p.get().onExit().thenApply(x -> Boolean.TRUE).completeOnTimeout(Boolean.FALSE, 10, TimeUnit.SECONDS)
            .thenAccept(exited -> {
              if (!exited) {
                log.warn("map-reduce worker {} did not exit within 10 s of shutdown", id);
              }
            }));
  }

  /** This job's counts now, for {@link Jobs}. */
  Jobs.View view() {
    lock.lock();
    try {
      Throwable error = done.handle((v, e) -> e).getNow(null);
      return new Jobs.View(id, startedAt, new Progress(completed, total, failed, retried, alive(),
          Duration.ofNanos(System.nanoTime() - started)), done.isDone(),
          Optional.ofNullable(error).map(e -> Failures.unwrap(e).getMessage()), List.copyOf(failedInputs));
    } finally {
      lock.unlock();
    }
  }

  private void report(boolean finished) {
    if (config.progress() == ProgressListener.NONE) {
      return;
    }
    Progress p;
    lock.lock();
    try {
      p = new Progress(completed, total, failed, retried, alive(), Duration.ofNanos(System.nanoTime() - started));
    } finally {
      lock.unlock();
    }
    try {
      config.progress().progress(p, finished);
    } catch (RuntimeException e) {
      log.warn("a progress listener threw", e);
    }
  }
}
