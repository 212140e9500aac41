package io.rpcparallel.internal.gen;

import io.rpcparallel.Codec;
import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.WireOutput;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The streaming calls of a connection, as the generated client makes them. Each writes its
 * arguments with {@code args} and its items with {@code item}. For generated code only.
 */
public interface StreamCalls {
  /** Pipe: the call is sent when the publisher is subscribed to (once); the worker's items follow. */
  <T> Flow.Publisher<T> pipe(int methodId, Consumer<WireOutput> args, Codec<T> item);

  /**
   * Direct pipe: the worker's items are written to {@code sink}, also after the worker's method
   * returned (which completes the future); closing {@code sink} cancels the stream.
   */
  <T> CompletableFuture<Void> directPipe(int methodId, Consumer<WireOutput> args, Codec<T> item,
      StreamWriter<? super T> sink);

  /** Reverse pipe: {@code items} are sent to the worker, whose method answers once. */
  <U, R> CompletableFuture<R> reversePipe(int methodId, Consumer<WireOutput> args, Flow.Publisher<U> items,
      Codec<U> item, ResultReader<R> result);

  /** Reverse direct pipe: completes with a writer whose items reach the worker's. */
  <U> CompletableFuture<StreamWriter<U>> reverseDirectPipe(int methodId, Consumer<WireOutput> args, Codec<U> item);

  /** State call: completes with the initial state and a publisher of the updates after it. */
  <S, U> CompletableFuture<StateStream<S, U>> state(int methodId, Consumer<WireOutput> args,
      ResultReader<S> initial, Codec<U> update);
}
