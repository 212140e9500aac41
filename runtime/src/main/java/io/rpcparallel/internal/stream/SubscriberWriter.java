package io.rpcparallel.internal.stream;

import io.rpcparallel.StreamClosedException;
import io.rpcparallel.StreamWriter;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link StreamWriter} that hands its items to a {@link Flow.Subscriber}: {@link #write} waits
 * for the subscriber's demand, so a stream read through it is exactly as fast as the subscriber.
 * Signals to the subscriber are serialised by a queue drained by one thread at a time, and no
 * lock is held while the subscriber runs, so it may request or cancel from inside its own
 * signals.
 */
public final class SubscriberWriter<T> implements StreamWriter<T>, Flow.Subscription {
  private static final Object COMPLETE = new Object();

  private record Item(Object value) {}

  private record Failure(Throwable error) {}

  private final Flow.Subscriber<? super T> subscriber;
  private final CreditGate demand = new CreditGate(0);
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final Queue<Object> signals = new ConcurrentLinkedQueue<>();
  private final AtomicInteger wip = new AtomicInteger();
  /** Set once a terminal signal is queued or the subscriber cancelled. */
  private final AtomicBoolean over = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile String whyDone = "the stream is closed";

  private SubscriberWriter(Flow.Subscriber<? super T> subscriber) {
    this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
  }

  /**
   * Subscribes {@code subscriber} to a new writer and returns it.
   *
   * @param subscriber receives what is written
   * @param <T> the items
   * @return the writer
   */
  public static <T> SubscriberWriter<T> subscribe(Flow.Subscriber<? super T> subscriber) {
    SubscriberWriter<T> w = new SubscriberWriter<>(subscriber);
    subscriber.onSubscribe(w);
    return w;
  }

  @Override
  public void write(T item) {
    demand.acquire(() -> new StreamClosedException(whyDone));
    signals.add(new Item(item));
    drain();
  }

  @Override
  public void close() {
    terminate(COMPLETE);
  }

  @Override
  public void fail(Throwable error) {
    terminate(new Failure(error));
  }

  private void terminate(Object signal) {
    if (!over.compareAndSet(false, true)) {
      return;
    }
    demand.close();
    signals.add(signal);
    drain();
    closed.complete(null);
  }

  @Override
  public CompletableFuture<Void> closed() {
    return closed.copy();
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      terminate(new Failure(new IllegalArgumentException("request(" + n + "): must be positive (rule 3.9)")));
      return;
    }
    demand.grant(n);
  }

  @Override
  public void cancel() {
    if (!over.compareAndSet(false, true)) {
      return;
    }
    whyDone = "the reader cancelled the stream";
    cancelled = true;
    demand.close();
    closed.complete(null);
  }

  @SuppressWarnings("unchecked")
  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    RuntimeException thrown = null;
    do {
      Object s;
      while ((s = signals.poll()) != null) {
        if (cancelled) {
          continue; // rule 3.6: after cancel, signals stop
        }
        try {
          if (s instanceof Item i) {
            subscriber.onNext((T) i.value());
          } else if (s instanceof Failure f) {
            subscriber.onError(f.error());
          } else {
            subscriber.onComplete();
          }
        } catch (RuntimeException e) {
          // Rule 2.13: a subscriber that throws is treated as cancelled; the writer hears of it.
          cancel();
          whyDone = "the subscriber threw " + e;
          thrown = new StreamClosedException(whyDone, e);
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
    if (thrown != null) {
      throw thrown;
    }
  }
}
