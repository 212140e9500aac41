package io.rpcparallel;

import io.rpcparallel.internal.mapreduce.Job;
import io.rpcparallel.internal.mapreduce.PublisherIterator;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.function.BinaryOperator;

/**
 * Map-reduce over a pool of worker processes (rpc_parallel's {@code Map_reduce}), that finishes
 * the job when a worker dies: its unfinished tasks run again on the others (and on a replacement),
 * at most {@link MapReduceConfig#maxAttempts()} times each. Map tasks must therefore be safe to
 * run more than once.
 *
 * <p>The work is any method of a worker interface: the {@link WorkerFactory} spawns worker
 * {@code i} (its state built once from a parameter and {@code i}), the {@link MapTask} calls the
 * method for one input. Inputs and outputs are wire types of that interface.
 *
 * <pre>{@code
 * try (MapResults<Long> squares = MapReduce.map(MapReduceConfig.local(4),
 *     (i, options) -> SquaresRpc.spawnAndConnect(SquaresImpl.class, options),
 *     List.of(1L, 2L, 3L), (worker, x) -> worker.async().square(x))) {
 *   squares.forEachRemaining(System.out::println);
 * }
 * }</pre>
 *
 * <p>Inputs come from an {@link Iterable} (a collection's size gives the progress total; for a
 * {@code Stream} pass {@code stream::iterator}) or a {@link Flow.Publisher} through
 * {@link #inputs(Flow.Publisher)}.
 */
public final class MapReduce {
  private MapReduce() {}

  /**
   * Runs {@code task} on every input.
   *
   * @param config how the job runs
   * @param workers spawns each worker of the pool
   * @param inputs the inputs
   * @param task runs one input on a worker
   * @param <C> the generated client type
   * @param <I> the input type
   * @param <O> the output type
   * @return the outputs, in input order
   */
  public static <C extends RpcClient, I, O> MapResults<O> map(MapReduceConfig config, WorkerFactory<C> workers,
      Iterable<? extends I> inputs, MapTask<C, I, O> task) {
    ArrayDeque<O> ready = new ArrayDeque<>();
    TreeMap<Long, O> held = new TreeMap<>();
    long[] next = {0};
    Job<C, I, O> job = new Job<>(config, workers, inputs.iterator(), total(inputs), task, new Job.Sink<>() {
      @Override public void accept(long index, O output) {
        held.put(index, output);
        while (!held.isEmpty() && held.firstKey() == next[0]) {
          ready.add(held.pollFirstEntry().getValue());
          next[0]++;
        }
      }

      @Override public int backlog() {
        return held.size() + ready.size();
      }
    });
    return new MapResults<>(job.start(), ready);
  }

  /**
   * Runs {@code task} on every input.
   *
   * @param config how the job runs
   * @param workers spawns each worker of the pool
   * @param inputs the inputs
   * @param task runs one input on a worker
   * @param <C> the generated client type
   * @param <I> the input type
   * @param <O> the output type
   * @return the outputs as they come, each with its input's index
   */
  public static <C extends RpcClient, I, O> MapResults<Indexed<O>> mapUnordered(MapReduceConfig config,
      WorkerFactory<C> workers, Iterable<? extends I> inputs, MapTask<C, I, O> task) {
    ArrayDeque<Indexed<O>> ready = new ArrayDeque<>();
    Job<C, I, O> job = new Job<>(config, workers, inputs.iterator(), total(inputs), task, new Job.Sink<>() {
      @Override public void accept(long index, O output) {
        ready.add(new Indexed<>(index, output));
      }

      @Override public int backlog() {
        return ready.size();
      }
    });
    return new MapResults<>(job.start(), ready);
  }

  /**
   * The first non-empty output to arrive (not necessarily of the first input), or empty if every
   * output is empty. Every worker stops as soon as one is found.
   *
   * @param config how the job runs
   * @param workers spawns each worker of the pool
   * @param inputs the inputs
   * @param task runs one input on a worker
   * @param <C> the generated client type
   * @param <I> the input type
   * @param <O> the type of the outputs found
   * @return the first output found, or empty
   * @throws RpcException if the job fails
   */
  public static <C extends RpcClient, I, O> Optional<O> findMap(MapReduceConfig config, WorkerFactory<C> workers,
      Iterable<? extends I> inputs, MapTask<C, I, Optional<O>> task) {
    @SuppressWarnings("unchecked")
    O[] found = (O[]) new Object[1];
    run(new Job<>(config, workers, inputs.iterator(), total(inputs), task, new Job.Sink<Optional<O>>() {
      @Override public void accept(long index, Optional<O> output) {
        if (found[0] == null && output != null && output.isPresent()) {
          found[0] = output.get();
        }
      }

      @Override public boolean satisfied() {
        return found[0] != null;
      }
    }));
    return Optional.ofNullable(found[0]);
  }

  /**
   * Combines all outputs with {@code combine}, in whatever order they arrive: {@code combine}
   * must be associative and commutative. Empty if there were no inputs.
   *
   * @param config how the job runs
   * @param workers spawns each worker of the pool
   * @param inputs the inputs
   * @param task runs one input on a worker
   * @param <C> the generated client type
   * @param <I> the input type
   * @param <O> the output type
   * @param combine combines two outputs, or results of combining
   * @return the combined outputs, or empty if there were no inputs
   * @throws RpcException if the job fails
   */
  public static <C extends RpcClient, I, O> Optional<O> mapReduceCommutative(MapReduceConfig config,
      WorkerFactory<C> workers, Iterable<? extends I> inputs, MapTask<C, I, O> task, BinaryOperator<O> combine) {
    @SuppressWarnings("unchecked")
    O[] acc = (O[]) new Object[1];
    boolean[] any = {false};
    run(new Job<>(config, workers, inputs.iterator(), total(inputs), task, (index, output) -> {
      acc[0] = any[0] ? combine.apply(acc[0], output) : output;
      any[0] = true;
    }));
    return any[0] ? Optional.ofNullable(acc[0]) : Optional.empty();
  }

  /**
   * Combines all outputs in input order: {@code combine} only ever joins the results of two
   * adjacent runs of inputs, left before right, so an associative but non-commutative combine
   * (list concatenation, say) gives exactly the sequential answer. Empty if there were no inputs.
   *
   * @param config how the job runs
   * @param workers spawns each worker of the pool
   * @param inputs the inputs
   * @param task runs one input on a worker
   * @param <C> the generated client type
   * @param <I> the input type
   * @param <O> the output type
   * @param combine combines the results of two adjacent runs of inputs, left before right
   * @return the combined outputs, or empty if there were no inputs
   * @throws RpcException if the job fails
   */
  public static <C extends RpcClient, I, O> Optional<O> mapReduce(MapReduceConfig config, WorkerFactory<C> workers,
      Iterable<? extends I> inputs, MapTask<C, I, O> task, BinaryOperator<O> combine) {
    // Runs of consecutive inputs already combined, by first index.
    TreeMap<Long, Run<O>> runs = new TreeMap<>();
    run(new Job<>(config, workers, inputs.iterator(), total(inputs), task, (index, output) -> {
      long lo = index;
      long hi = index;
      O value = output;
      Map.Entry<Long, Run<O>> left = runs.lowerEntry(index);
      if (left != null && left.getValue().last() == index - 1) {
        runs.remove(left.getKey());
        lo = left.getKey();
        value = combine.apply(left.getValue().value(), value);
      }
      Run<O> right = runs.remove(index + 1);
      if (right != null) {
        hi = right.last();
        value = combine.apply(value, right.value());
      }
      runs.put(lo, new Run<>(hi, value));
    }));
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    if (runs.size() != 1) {
      throw new IllegalStateException("map-reduce ended with " + runs.size() + " separate runs of outputs");
    }
    return Optional.ofNullable(runs.firstEntry().getValue().value());
  }

  /** The combined value of the inputs from a run's first index (its key) to {@code last}. */
  private record Run<O>(long last, O value) {}

  /**
   * Reads a publisher's items as inputs, requesting a bounded number ahead, so a fast publisher
   * never runs far ahead of the workers.
   *
   * @param publisher the publisher of the inputs
   * @param <I> the input type
   * @return the inputs, to pass to one job
   */
  public static <I> Iterable<I> inputs(Flow.Publisher<? extends I> publisher) {
    return () -> new PublisherIterator<>(publisher, 256);
  }

  private static OptionalLong total(Iterable<?> inputs) {
    return inputs instanceof Collection<?> c ? OptionalLong.of(c.size()) : OptionalLong.empty();
  }

  private static void run(Job<?, ?, ?> job) {
    try {
      job.start().done().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RpcException re ? re : new RpcException(String.valueOf(cause), cause);
    }
  }
}
