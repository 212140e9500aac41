package io.rpcparallel.internal.stream;

import io.rpcparallel.StreamClosedException;
import io.rpcparallel.StreamWriter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A {@link StreamWriter} that hands its items to a {@link Flow.Subscriber}: {@link #write} waits
 * for the subscriber's demand, so a stream read through it is exactly as fast as the subscriber.
 * Signals to the subscriber are serialised by this object's monitor.
 */
public final class SubscriberWriter<T> implements StreamWriter<T>, Flow.Subscription {
  private final Flow.Subscriber<? super T> subscriber;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private long demand;
  private boolean done;
  private String whyDone = "the stream is closed";

  private SubscriberWriter(Flow.Subscriber<? super T> subscriber) {
    this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
  }

  public static <T> SubscriberWriter<T> subscribe(Flow.Subscriber<? super T> subscriber) {
    SubscriberWriter<T> w = new SubscriberWriter<>(subscriber);
    synchronized (w) {
      subscriber.onSubscribe(w);
    }
    return w;
  }

  @Override
  public synchronized void write(T item) {
    while (demand == 0 && !done) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StreamClosedException("interrupted while waiting for the reader");
      }
    }
    if (done) {
      throw new StreamClosedException(whyDone);
    }
    demand--;
    subscriber.onNext(item);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      notifyAll();
      subscriber.onComplete();
    }
    closed.complete(null);
  }

  @Override
  public void fail(Throwable error) {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      notifyAll();
      subscriber.onError(error);
    }
    closed.complete(null);
  }

  @Override
  public CompletableFuture<Void> closed() {
    return closed.copy();
  }

  @Override
  public void request(long n) {
    synchronized (this) {
      if (done) {
        return;
      }
      if (n <= 0) {
        done = true;
        notifyAll();
        subscriber.onError(new IllegalArgumentException("request(" + n + "): must be positive (rule 3.9)"));
      } else {
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        notifyAll();
        return;
      }
    }
    closed.complete(null);
  }

  @Override
  public void cancel() {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      whyDone = "the reader cancelled the stream";
      notifyAll();
    }
    closed.complete(null);
  }
}
