package io.rpcparallel.internal.stream;

import java.util.concurrent.Flow;

/**
 * Feeds a {@link Flow.Publisher} into a stream's writer, requesting from the publisher exactly
 * the credits the reader grants, so the publisher is never asked for more than can be sent.
 * Never throws into the publisher (Reactive Streams rule 2.13): a write that fails (the reader
 * left, the connection went, an item too large to send) has already ended the stream, and the
 * subscription is cancelled.
 */
final class Pump<T> implements Flow.Subscriber<T> {
  private final OutboundStream<T> out;
  private volatile Flow.Subscription subscription;

  private Pump(OutboundStream<T> out) {
    this.out = out;
  }

  static <T> void start(Flow.Publisher<T> publisher, OutboundStream<T> out) {
    try {
      publisher.subscribe(new Pump<>(out));
    } catch (Throwable t) {
      // A publisher that throws from subscribe (rule 1.9 says it must not) fails the stream.
      out.fail(t);
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (subscription != null) {
      s.cancel(); // rule 2.5: one subscription only
      return;
    }
    subscription = s;
    out.closed().thenRun(s::cancel);
    long now = out.onCredit(s::request);
    if (now > 0) {
      s.request(now);
    }
  }

  @Override
  public void onNext(T item) {
    try {
      out.write(item);
    } catch (RuntimeException e) {
      // The stream is over (and both ends know why): stop the publisher.
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
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
