package io.rpcparallel.internal.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.FakeWorker;
import io.rpcparallel.Indexed;
import io.rpcparallel.MapReduce;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.MapResults;
import io.rpcparallel.MapTask;
import io.rpcparallel.Progress;
import io.rpcparallel.ProgressListener;
import io.rpcparallel.RpcException;
import io.rpcparallel.TestThreads;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.WorkerFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A map-reduce {@link Job}'s retries, replacements, attempt limit and output cap, through the public
 * {@link MapReduce} entry points, with workers that are objects in this JVM (the job reaches its
 * workers only through the {@link WorkerFactory} and the clients it returns).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobTest {
  private static final List<Long> HUNDRED = LongStream.range(0, 100).boxed().toList();

  /** What the job reported when it ended. */
  private final AtomicReference<Progress> last = new AtomicReference<>();
  private final ProgressListener finalProgress = (p, finished) -> {
    if (finished) {
      last.set(p);
    }
  };

  /** Spawns fake workers and remembers each. */
  static final class Pool implements WorkerFactory<FakeWorker> {
    final List<FakeWorker> spawned = new CopyOnWriteArrayList<>();

    @Override public FakeWorker spawn(int index, SpawnOptions options) {
      FakeWorker w = new FakeWorker(index, "fake-" + spawned.size());
      spawned.add(w);
      return w;
    }

    List<Integer> indices() {
      List<Integer> result = spawned.stream().map(FakeWorker::index).sorted().collect(Collectors.toList());
      return Collections.unmodifiableList(result);
    }

    /**
     * Asserts that each of the two workers was spawned at most once. One of them may never have
     * been: it may not have started by the time the job ended, and a job that has ended starts none.
     */
    void assertNoneReplaced() {
      List<Integer> indices = indices();
      boolean eachOnce = indices.stream().distinct().count() == indices.size();
      assertTrue(!indices.isEmpty() && List.of(0, 1).containsAll(indices) && eachOnce, "spawned: " + indices);
    }

    void assertAllShutDown() {
      for (FakeWorker w : spawned) {
        assertTrue(w.shutdowns() > 0, "worker " + w.worker().id() + " was never shut down");
      }
    }
  }

  /** Squares every input; the worker that gets input {@code victim} first dies under it. */
  private static MapTask<FakeWorker, Long, Long> squaresDyingOnceAt(long victim) {
    AtomicBoolean died = new AtomicBoolean();
    return (w, x) -> x == victim && died.compareAndSet(false, true) ? w.die() : w.call(() -> x * x);
  }

  private static List<Long> squares(List<Long> inputs) {
    return inputs.stream().map(x -> x * x).toList();
  }

  private static <O> List<O> readAll(MapResults<O> results) {
    List<O> out = new ArrayList<>();
    results.forEachRemaining(out::add);
    return out;
  }

  @Test
  void aWorkerThatDiesHasItsTaskDoneAgainAndIsReplacedUnderTheSameIndex() {
    Pool pool = new Pool();
    // One worker: with two, the other could finish every input (the retry too) before the
    // replacement starts, and a job that has ended spawns none.
    MapReduceConfig config = MapReduceConfig.local(1).withProgress(finalProgress);
    List<Long> out;
    try (MapResults<Long> results = MapReduce.map(config, pool, HUNDRED, squaresDyingOnceAt(40))) {
      out = readAll(results);
    }
    assertEquals(squares(HUNDRED), out, "every output exactly once, in input order");
    assertEquals(2, pool.spawned.size(), "spawned: " + pool.indices());
    FakeWorker dead = pool.spawned.stream().filter(FakeWorker::dead).findFirst().orElseThrow();
    assertEquals(2, pool.indices().stream().filter(i -> i == dead.index()).count(),
        "the replacement takes the dead worker's index: " + pool.indices());
    pool.assertAllShutDown();
    assertEquals(1, last.get().retried(), last.get().toString());
    assertEquals(100, last.get().done(), last.get().toString());
    assertEquals(0, last.get().failed(), last.get().toString());
  }

  @Test
  void withoutReplacementTheSurvivorsFinishTheJob() {
    Pool pool = new Pool();
    MapReduceConfig config = MapReduceConfig.local(2).withReplaceDeadWorkers(false);
    try (MapResults<Long> results = MapReduce.map(config, pool, HUNDRED, squaresDyingOnceAt(40))) {
      assertEquals(squares(HUNDRED), readAll(results));
    }
    assertEquals(List.of(0, 1), pool.indices());
    pool.assertAllShutDown();
  }

  @Test
  void whenTheLastWorkerDiesWithoutReplacementTheJobFailsSayingSo() {
    Pool pool = new Pool();
    MapReduceConfig config = MapReduceConfig.local(1).withReplaceDeadWorkers(false);
    RpcException e;
    try (MapResults<Long> results = MapReduce.map(config, pool, HUNDRED, squaresDyingOnceAt(40))) {
      e = assertThrows(RpcException.class, () -> readAll(results));
    }
    assertTrue(e.getMessage().startsWith("the map-reduce job has no worker left"), e.getMessage());
    pool.assertAllShutDown();
  }

  @Test
  void anInputWhoseWorkerDiesOnEveryAttemptFailsTheJobAtMaxAttempts() {
    Pool pool = new Pool();
    // One worker: with two, the other can die of input #7 before the first one's replacement has
    // started, and a job that has ended starts none, so the count below would race.
    MapReduceConfig config = MapReduceConfig.local(1).withMaxAttempts(3).withProgress(finalProgress);
    RpcException e;
    try (MapResults<Long> results = MapReduce.map(config, pool, HUNDRED,
        (w, x) -> x == 7 ? w.die() : w.call(() -> x * x))) {
      e = assertThrows(RpcException.class, () -> readAll(results));
    }
    assertTrue(e.getMessage().startsWith("input #7 could not be done: its worker died 3 time(s), the limit"
        + " (config.maxAttempts)"), e.getMessage());
    assertTrue(e.getCause() instanceof WorkerDiedException, String.valueOf(e.getCause()));
    // Two deaths replaced; the third ends the job instead.
    assertEquals(List.of(0, 0, 0), pool.indices());
    pool.assertAllShutDown();
    assertEquals(1, last.get().failed(), last.get().toString());
  }

  @Test
  void aTaskThatFailsInTheUsersCodeFailsTheJobAtOnceWithoutARetry() {
    Pool pool = new Pool();
    MapReduceConfig config = MapReduceConfig.local(2).withProgress(finalProgress);
    MapTask<FakeWorker, Long, Long> task = (w, x) -> {
      if (x == 3) {
        throw new IllegalStateException("bad input 3");
      }
      return w.call(() -> x);
    };
    RpcException e;
    try (MapResults<Indexed<Long>> results = MapReduce.mapUnordered(config, pool, HUNDRED, task)) {
      e = assertThrows(RpcException.class, () -> readAll(results));
    }
    assertEquals("the map task for input #3 failed: java.lang.IllegalStateException: bad input 3", e.getMessage());
    pool.assertNoneReplaced();
    assertEquals(0, last.get().retried(), last.get().toString());
    assertEquals(1, last.get().failed(), last.get().toString());
    pool.assertAllShutDown();
  }

  @Test
  void aReaderThatFallsBehindStopsTheJobTakingInputsAtTheOutputCap() throws Exception {
    int cap = 64; // the floor of the cap: one worker, one task in flight
    int n = 300;
    AtomicLong pulled = new AtomicLong();
    AtomicLong read = new AtomicLong(); // counted before each read, so never behind the job's own count
    List<Long> overCap = new CopyOnWriteArrayList<>();
    AtomicReference<Thread> dispatcher = new AtomicReference<>();
    CountDownLatch capReached = new CountDownLatch(1);
    // Not a Collection: the job cannot know the total, and pulls inputs one by one.
    Iterable<Long> inputs = () -> new Iterator<>() {
      @Override public boolean hasNext() {
        return pulled.get() < n;
      }

      @Override public Long next() {
        dispatcher.set(Thread.currentThread());
        long k = pulled.incrementAndGet();
        if (k > cap + read.get()) {
          overCap.add(k);
        }
        if (k == cap) {
          capReached.countDown();
        }
        return k - 1;
      }
    };
    Pool pool = new Pool();
    MapReduceConfig config = MapReduceConfig.local(1).withMaxInFlightPerWorker(1);
    List<Long> out = new ArrayList<>();
    try (MapResults<Long> results = MapReduce.map(config, pool, inputs, (w, x) -> w.call(() -> x * x))) {
      assertTrue(capReached.await(1, TimeUnit.MINUTES), "pulled only " + pulled + " inputs");
      TestThreads.awaitParkedOrEnded(dispatcher.get());
      assertEquals(cap, pulled.get(), "inputs taken while nobody read the outputs");
      while (true) {
        read.incrementAndGet();
        if (!results.hasNext()) {
          break;
        }
        out.add(results.next());
      }
    }
    assertEquals(squares(LongStream.range(0, n).boxed().toList()), out);
    assertEquals(List.of(), overCap, "inputs taken past the cap");
  }

  @Test
  void closingTheResultsEarlyCancelsTheJobAndShutsEveryWorkerDown() {
    Pool pool = new Pool();
    try (MapResults<Long> results = MapReduce.map(MapReduceConfig.local(2), pool, HUNDRED,
        (w, x) -> w.call(() -> x * x))) {
      assertEquals(0L, results.next());
    }
    pool.assertNoneReplaced();
    pool.assertAllShutDown();
  }

  @Test
  void localWorkersAreSpawnedAFewAtATimeHoweverLargeThePool() throws Exception {
    int limit = Job.LOCAL_SPAWNS_AT_ONCE;
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // Each spawn waits for a full batch of others: unbounded, all of them would be under way at once.
    CyclicBarrier batch = new CyclicBarrier(limit);
    Pool pool = new Pool();
    int workers = 3 * limit;
    // No output before the whole pool is up: the job lasts until every spawn has run.
    CompletableFuture<Void> allSpawned = new CompletableFuture<>();
    WorkerFactory<FakeWorker> factory = (index, options) -> {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        batch.await(1, TimeUnit.MINUTES);
        FakeWorker w = pool.spawn(index, options);
        if (pool.spawned.size() == workers) {
          allSpawned.complete(null);
        }
        return w;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        now.decrementAndGet();
      }
    };
    List<Long> out;
    try (MapResults<Long> results = MapReduce.map(MapReduceConfig.local(workers), factory, HUNDRED,
        (w, x) -> allSpawned.thenCompose(v -> w.call(() -> x * x)))) {
      out = readAll(results);
    }
    assertEquals(squares(HUNDRED), out);
    assertEquals(workers, pool.spawned.size());
    assertEquals(limit, most.get(), "spawns under way at once");
    pool.assertAllShutDown();
  }
}
