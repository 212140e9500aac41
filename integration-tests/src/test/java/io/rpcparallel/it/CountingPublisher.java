package io.rpcparallel.it;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** A cold publisher of {@code n} values made from {@code from, from + 1, ...}, each made only on demand. */
final class CountingPublisher<T> implements Flow.Publisher<T> {
  private final long from;
  private final long n;
  private final LongFunction<T> make;
  private final AtomicLong produced;

  CountingPublisher(long from, long n, LongFunction<T> make, AtomicLong produced) {
    this.from = from;
    this.n = n;
    this.make = make;
    this.produced = produced;
  }

  static CountingPublisher<Long> longs(long from, long n, AtomicLong produced) {
    return new CountingPublisher<>(from, n, i -> i, produced);
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> s) {
    s.onSubscribe(new Flow.Subscription() {
      private final AtomicLong demand = new AtomicLong();
      private final AtomicInteger wip = new AtomicInteger();
      private volatile boolean done;
      private long next = from;

      @Override
      public void request(long k) {
        demand.getAndUpdate(d -> d + k < 0 ? Long.MAX_VALUE : d + k);
        drain();
      }

      private void drain() {
        if (wip.getAndIncrement() != 0) {
          return;
        }
        int missed = 1;
        do {
          long d = demand.get();
          long emitted = 0;
          while (emitted < d && !done && next < from + n) {
            T item = make.apply(next++);
            produced.incrementAndGet();
            s.onNext(item);
            emitted++;
          }
          if (!done && next == from + n) {
            done = true;
            s.onComplete();
          }
          demand.addAndGet(-emitted);
          missed = wip.addAndGet(-missed);
        } while (missed != 0);
      }

      @Override
      public void cancel() {
        done = true;
      }
    });
  }
}
