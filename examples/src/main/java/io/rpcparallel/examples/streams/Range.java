package io.rpcparallel.examples.streams;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publisher of the numbers {@code from, from + 1, …, to}, which publishes only as many as its
 * subscriber requested (the way Reactor's {@code Flux.range} does; use such a library in a real
 * program). Each subscriber gets the whole range.
 */
final class Range implements Flow.Publisher<Long> {
  private final long from;
  private final long to;

  Range(long from, long to) {
    this.from = from;
    this.to = to;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Long> subscriber) {
    subscriber.onSubscribe(new Flow.Subscription() {
      private final AtomicLong demand = new AtomicLong();
      private final AtomicBoolean cancelled = new AtomicBoolean();
      private long next = from;

      @Override
      public void request(long n) {
        if (n <= 0) {
          cancel();
          subscriber.onError(new IllegalArgumentException("request(" + n + ")"));
          return;
        }
        // The thread that raises the demand from zero emits; the others (a subscriber that
        // requests from onNext included) only add to it.
        if (demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b) != 0) {
          return;
        }
        long emitted = 0;
        while (true) {
          long wanted = demand.get();
          while (emitted != wanted && next <= to) {
            if (cancelled.get()) {
              return;
            }
            subscriber.onNext(next++);
            emitted++;
          }
          if (cancelled.get()) {
            return;
          }
          if (next > to) {
            cancelled.set(true);
            subscriber.onComplete();
            return;
          }
          if (demand.addAndGet(-emitted) == 0) {
            return;
          }
          emitted = 0;
        }
      }

      @Override
      public void cancel() {
        cancelled.set(true);
      }
    });
  }
}
