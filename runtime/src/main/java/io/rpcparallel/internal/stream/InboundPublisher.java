package io.rpcparallel.internal.stream;

import io.rpcparallel.StreamWriter;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A publisher over a stream read from the other end: the first subscriber gets the items
 * (subscribing is what starts the stream); later ones are refused.
 */
final class InboundPublisher<T> implements Flow.Publisher<T> {
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private final Consumer<StreamWriter<T>> start;

  /** {@code start} gets the subscriber, as a writer, when the first one comes. */
  InboundPublisher(Consumer<StreamWriter<T>> start) {
    this.start = start;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override public void request(long n) {}

        @Override public void cancel() {}
      });
      subscriber.onError(new IllegalStateException("a stream from a worker can be subscribed to only once"));
      return;
    }
    start.accept(SubscriberWriter.subscribe(subscriber));
  }
}
