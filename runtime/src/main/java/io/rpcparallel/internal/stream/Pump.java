package io.rpcparallel.internal.stream;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds a {@link Flow.Publisher} into a stream's writer, requesting from the publisher only what
 * the reader's credits allow: never more items than granted, and no more than the granted bytes
 * hold at the items' average size so far (one item at first, whose size is not known yet), so
 * the publisher's thread seldom waits in {@code onNext} for byte credit, and only for one item.
 * Never throws into the publisher (Reactive Streams rule 2.13): a write that fails (the reader
 * left, the connection went, an item too large to send) has already ended the stream, and the
 * subscription is cancelled.
 */
final class Pump<T> implements Flow.Subscriber<T> {
  private final OutboundStream<T> out;
  private volatile Flow.Subscription subscription;
  /** Serialises {@link #refill} (rule 2.7: calls to request are serial). */
  private final AtomicInteger refilling = new AtomicInteger();
  /** Guards the counts below. */
  private final Object lock = new Object();
  /** Items requested from the publisher and not yet received. */
  private long outstanding;
  private long received;
  private long receivedBytes;

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
    out.onCredit(this::refill);
    refill();
  }

  /** Requests what the credits allow beyond what is requested already; one thread at a time. */
  private void refill() {
    if (refilling.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      long n;
      synchronized (lock) {
        n = requestable();
        outstanding += n;
      }
      if (n > 0) {
        subscription.request(n);
      }
      missed = refilling.addAndGet(-missed);
    } while (missed != 0);
  }

  private long requestable() {
    long items = out.credits() - outstanding;
    if (items <= 0) {
      return 0;
    }
    if (received == 0) {
      return outstanding == 0 ? 1 : 0; // the first item's size is not known yet
    }
    long average = Math.max(1, receivedBytes / received);
    long bytes = out.creditBytes() - outstanding * average;
    if (bytes <= 0) {
      return 0;
    }
    return Math.min(items, Math.max(1, bytes / average));
  }

  @Override
  public void onNext(T item) {
    try {
      long size = out.writeSized(item);
      synchronized (lock) {
        outstanding = Math.max(0, outstanding - 1);
        received++;
        receivedBytes += size;
      }
    } catch (RuntimeException e) {
      // The stream is over (and both ends know why): stop the publisher.
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      return;
    }
    refill();
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
