package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.Indexed;
import io.rpcparallel.MapReduce;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.MapResults;
import io.rpcparallel.Progress;
import io.rpcparallel.WorkerFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Map-reduce over pools of real worker processes. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MapReduceIT {
  private static WorkerFactory<TasksClient> workers(long needle, long delayMillis) {
    return (i, options) -> TasksRpc.spawnAndConnect(TasksImpl.class, new TaskInit(i, needle, delayMillis), options);
  }

  private static List<Long> range(long n) {
    return LongStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  void mapGivesEveryOutputInInputOrderAndBuildsEachWorkerOnce() {
    List<TaskResult> out = new ArrayList<>();
    // No task finishes before both workers have answered one: the first worker to come up fills
    // its in-flight window and waits, so the other one must get inputs however late it starts.
    Set<Integer> answered = ConcurrentHashMap.newKeySet();
    CompletableFuture<Void> bothAnswered = new CompletableFuture<Void>().orTimeout(Await.LIMIT.toMillis(),
        TimeUnit.MILLISECONDS);
    try (MapResults<TaskResult> results = MapReduce.map(MapReduceConfig.local(2), workers(-1, 0), range(1000),
        (w, x) -> w.async().square(x).thenCompose(r -> {
          answered.add(r.workerIndex());
          if (answered.size() == 2) {
            bothAnswered.complete(null);
          }
          return bothAnswered.thenApply(v -> r);
        }))) {
      results.forEachRemaining(out::add);
    }
    assertEquals(1000, out.size());
    Set<Integer> indices = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertEquals((long) i * i, out.get(i).value());
      assertEquals(1, out.get(i).inits(), "a worker built its state more than once");
      indices.add(out.get(i).workerIndex());
    }
    assertEquals(Set.of(0, 1), indices);
    assertEquals(0, Procs.liveDescendants().size(), "closing the results waits for the workers to end");
  }

  @Test
  void mapUnorderedGivesEveryOutputWithItsIndex() {
    Set<Indexed<Long>> out = new HashSet<>();
    try (MapResults<Indexed<TaskResult>> results = MapReduce.mapUnordered(MapReduceConfig.local(2), workers(-1, 0),
        range(1000), (w, x) -> w.async().square(x))) {
      results.forEachRemaining(r -> out.add(new Indexed<>(r.index(), r.value().value())));
    }
    Set<Indexed<Long>> expected = new HashSet<>();
    for (long i = 0; i < 1000; i++) {
      expected.add(new Indexed<>(i, i * i));
    }
    assertEquals(expected, out);
  }

  @Test
  void mapReduceWithConcatenationKeepsInputOrderExactly() {
    Optional<List<Long>> all = MapReduce.mapReduce(MapReduceConfig.local(2), workers(-1, 0), range(1000),
        (w, x) -> w.async().singleton(x), (a, b) -> {
          List<Long> c = new ArrayList<>(a);
          c.addAll(b);
          return c;
        });
    assertEquals(range(1000), all.orElseThrow());
  }

  @Test
  void mapReduceCommutativeSumIsExact() {
    Optional<Long> sum = MapReduce.mapReduceCommutative(MapReduceConfig.local(2), workers(-1, 0), range(1000),
        (w, x) -> w.async().square(x).thenApply(TaskResult::value), Long::sum);
    assertEquals(LongStream.range(0, 1000).map(x -> x * x).sum(), sum.orElseThrow());
    assertEquals(Optional.empty(), MapReduce.mapReduceCommutative(MapReduceConfig.local(1), workers(-1, 0),
        List.<Long>of(), (w, x) -> w.async().square(x).thenApply(TaskResult::value), Long::sum));
  }

  @Test
  void findMapStopsEveryWorkerAtTheFirstHit() {
    AtomicLong pulled = new AtomicLong();
    Iterable<Long> inputs = () -> new Iterator<>() {
      long next;

      @Override public boolean hasNext() {
        return next < 100_000;
      }

      @Override public Long next() {
        pulled.incrementAndGet();
        return next++;
      }
    };
    Optional<Long> hit = MapReduce.findMap(MapReduceConfig.local(2), workers(50, 1), inputs,
        (w, x) -> w.async().find(x));
    assertEquals(Optional.of(50L), hit);
    assertTrue(pulled.get() < 1_000, "pulled " + pulled.get() + " inputs after the hit");
    assertEquals(0, Procs.liveDescendants().size());
    assertEquals(Optional.empty(), MapReduce.findMap(MapReduceConfig.local(1), workers(-1, 0), range(20),
        (w, x) -> w.async().find(x)));
  }

  @Test
  void aWorkerKilledMidJobStillYieldsExactCompleteResults() throws Exception {
    AtomicReference<Progress> last = new AtomicReference<>();
    MapReduceConfig config = MapReduceConfig.local(2).withProgress((p, finished) -> last.set(p));
    long victim = squaresKillingOneWorker(config, 5, 400, 40);
    assertTrue(last.get().retried() > 0, "no task was retried: " + last.get());
    assertTrue(Procs.awaitGone(victim, Await.LIMIT));
  }

  /**
   * Maps {@code n} inputs to their squares, SIGKILLs the worker of output number {@code killAt},
   * checks that every output came once, in order, and returns the victim's pid.
   */
  private static long squaresKillingOneWorker(MapReduceConfig config, long delayMillis, int n, int killAt) {
    List<Long> values = new ArrayList<>();
    long victim = -1;
    try (MapResults<TaskResult> results = MapReduce.map(config, workers(-1, delayMillis), range(n),
        (w, x) -> w.async().square(x))) {
      while (results.hasNext()) {
        TaskResult r = results.next();
        values.add(r.value());
        if (values.size() == killAt) {
          victim = r.pid();
          ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL
        }
      }
    }
    assertEquals(LongStream.range(0, n).map(x -> x * x).boxed().collect(Collectors.toList()), values);
    return victim;
  }

  @Test
  void aWorkerKilledWithSeveralTasksInFlightLosesNoneOfThem() throws Exception {
    AtomicReference<Progress> last = new AtomicReference<>();
    int inFlight = 8;
    MapReduceConfig config = MapReduceConfig.local(2).withMaxInFlightPerWorker(inFlight).withMaxAttempts(2)
        .withProgress((p, finished) -> last.set(p));
    // Every input once, in order: the victim's tasks in flight all ran again, each once (a second
    // loss of the same input would have failed the job at maxAttempts = 2).
    long victim = squaresKillingOneWorker(config, 20, 300, 30);
    long retried = last.get().retried();
    assertTrue(retried >= 2 && retried <= inFlight, "retried " + retried + " tasks, not the victim's few: " + last.get());
    assertEquals(0, last.get().failed());
    assertTrue(Procs.awaitGone(victim, Await.LIMIT));
  }

  @Test
  void tasksThatCompleteAtOnceRunWithoutPilingUpTheStack() {
    // Futures already done when the map task returns are handled in a loop, not by recursion.
    try (MapResults<Long> results = MapReduce.map(MapReduceConfig.local(1).withMaxInFlightPerWorker(64),
        workers(-1, 0), range(200_000), (w, x) -> CompletableFuture.completedFuture(x))) {
      long expected = 0;
      while (results.hasNext()) {
        assertEquals(expected++, results.next());
      }
      assertEquals(200_000, expected);
    }
  }

  @Test
  void closingTheOutputAfterOneResultLeavesNoWorkerAlive() {
    try (MapResults<TaskResult> results = MapReduce.map(MapReduceConfig.local(2), workers(-1, 2), range(100_000),
        (w, x) -> w.async().square(x))) {
      assertEquals(0, results.next().value());
    }
    assertEquals(0, Procs.liveDescendants().size());
  }

  @Test
  void inputsFromAPublisherAndOutputsAsAPublisher() throws Exception {
    SubmissionPublisher<Long> source = new SubmissionPublisher<>();
    CompletableFuture<List<Long>> collected = new CompletableFuture<>();
    List<Long> sink = new ArrayList<>();
    try (MapResults<TaskResult> results = MapReduce.map(MapReduceConfig.local(2), workers(-1, 0),
        MapReduce.inputs(source), (w, x) -> w.async().square(x))) {
      results.publisher().subscribe(new java.util.concurrent.Flow.Subscriber<>() {
        java.util.concurrent.Flow.Subscription s;

        @Override public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
          this.s = s;
          s.request(1);
        }

        @Override public void onNext(TaskResult item) {
          sink.add(item.value());
          s.request(1);
        }

        @Override public void onError(Throwable t) {
          collected.completeExceptionally(t);
        }

        @Override public void onComplete() {
          collected.complete(sink);
        }
      });
      for (long i = 0; i < 300; i++) {
        source.submit(i);
      }
      source.close();
      assertEquals(LongStream.range(0, 300).map(x -> x * x).boxed().collect(Collectors.toList()),
          Await.result(collected));
    }
  }

  @Test
  void invalidConfigsAreRefusedClearly() {
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> MapReduce.map(
        MapReduceConfig.local(-1), workers(-1, 0), range(3), (w, x) -> w.async().square(x)));
    assertTrue(negative.getMessage().startsWith("config.local must be nonnegative"), negative.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> MapReduce.map(
        MapReduceConfig.local(0), workers(-1, 0), range(3), (w, x) -> w.async().square(x)));
    assertTrue(none.getMessage().startsWith("total number of workers must be positive"), none.getMessage());
    assertEquals(Runtime.getRuntime().availableProcessors(), MapReduceConfig.defaults().local());
  }
}
