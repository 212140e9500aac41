package io.rpcparallel.internal.stream;

import io.rpcparallel.StreamClosedException;
import java.util.concurrent.Flow;

/**
 * Feeds a {@link Flow.Publisher} into a stream's writer, requesting from the publisher exactly
 * the credits the reader grants, so the publisher is never asked for more than can be sent.
 */
final class Pump<T> implements Flow.Subscriber<T> {
  private final OutboundStream<T> out;

  private Pump(OutboundStream<T> out) {
    this.out = out;
  }

  static <T> void start(Flow.Publisher<T> publisher, OutboundStream<T> out) {
    publisher.subscribe(new Pump<>(out));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    out.closed().thenRun(subscription::cancel);
    long now = out.onCredit(subscription::request);
    if (now > 0) {
      subscription.request(now);
    }
  }

  @Override
  public void onNext(T item) {
    try {
      out.write(item);
    } catch (StreamClosedException e) {
      // The reader cancelled or the connection went: the subscription is being cancelled.
    }
  }

  @Override
  public void onError(Throwable error) {
    out.fail(error);
  }

  @Override
  public void onComplete() {
    out.close();
  }
}
