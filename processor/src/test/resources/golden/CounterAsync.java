package demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * The methods of {@link Counter}, each returning a {@code CompletableFuture} instead of blocking.
 * Get one with {@link CounterClient#async()}.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public interface CounterAsync {
  /**
   * Calls {@code Counter.add}; completes with its result.
   */
  CompletableFuture<Long> add(long delta);

  /**
   * Calls {@code Counter.add}; completes with its result.
   */
  CompletableFuture<Long> add(long delta, int times);

  /**
   * Calls {@code Counter.submit}; completes with its result.
   */
  CompletableFuture<Job> submit(Job job, Priority priority);

  /**
   * Calls {@code Counter.stats}; completes with its result.
   */
  CompletableFuture<Stats> stats(Optional<Priority> filter);

  /**
   * Calls {@code Counter.reset}; completes once it has run.
   */
  CompletableFuture<Void> reset();

  /**
   * Sends {@code Counter.log}; completes once the call is sent (a one-way call has no reply).
   */
  CompletableFuture<Void> log(String line);

  /**
   * Calls {@code Counter.histogram}; completes with its result.
   */
  CompletableFuture<Map<String, List<Long>>> histogram(List<Job> jobs, byte[] payload);

  /**
   * Calls {@code Counter.ping}; completes with its result.
   */
  CompletableFuture<Boolean> ping(Integer attempt);

  /**
   * Calls {@code Counter.clear}; completes once it has run.
   */
  CompletableFuture<Void> clear();
}
