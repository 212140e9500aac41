package io.rpcparallel.internal.gen;

import io.rpcparallel.Codec;
import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.WireOutput;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;

/**
 * The worker side of one streaming call, from {@link Responder#stream}: the generated dispatcher
 * hands it the implementation's stream, and it answers the call. For generated code only.
 */
public interface StreamCall {
  /** A function of the implementation that may throw what its method declares. */
  @FunctionalInterface
  interface Body<P, R> {
    R apply(P p) throws Exception;
  }

  /** Pipe: answers, then sends {@code items} with backpressure. A null publisher fails the call. */
  <T> void pipe(Flow.Publisher<T> items, Codec<T> item);

  /** Direct pipe: runs {@code body} with a writer to the caller, and answers when it returns. */
  <T> void directPipe(Codec<T> item, Body<StreamWriter<T>, ?> body);

  /**
   * Reverse pipe: runs {@code body} with a publisher of the caller's items and answers with its
   * result. If {@code body} returns without subscribing, the stream is cancelled.
   */
  <U, R> void reversePipe(Codec<U> item, Body<Flow.Publisher<U>, R> body, BiConsumer<WireOutput, R> result);

  /** Reverse direct pipe: the caller's items go to {@code sink}. A null sink fails the call. */
  <U> void reverseDirectPipe(StreamWriter<U> sink, Codec<U> item);

  /** State call: answers with the initial state, then sends the updates with backpressure. */
  <S, U> void state(StateStream<S, U> state, BiConsumer<WireOutput, S> initial, Codec<U> update);
}
