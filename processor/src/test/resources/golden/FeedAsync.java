package demo;

import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javax.annotation.processing.Generated;

/**
 * The methods of {@link Feed}, each returning a {@code CompletableFuture} instead of blocking.
 * Get one with {@link FeedClient#async()}.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public interface FeedAsync {
  /**
   * Calls {@code Feed.count}; completes once it has run.
   */
  CompletableFuture<Flow.Publisher<Long>> count(long upTo);

  /**
   * Calls {@code Feed.ticks}; completes once it has run.
   */
  CompletableFuture<Void> ticks(String label, int every, StreamWriter<List<String>> out);

  /**
   * Calls {@code Feed.sum}; completes with its result.
   */
  CompletableFuture<Long> sum(String label, Flow.Publisher<Long> numbers);

  /**
   * Calls {@code Feed.drain}; completes once it has run.
   */
  CompletableFuture<Void> drain(Flow.Publisher<Priority> items);

  /**
   * Calls {@code Feed.sink}; completes once it has run.
   */
  CompletableFuture<StreamWriter<String>> sink(String name);

  /**
   * Calls {@code Feed.watch}; completes with its result.
   */
  CompletableFuture<StateStream<Long, String>> watch();
}
