package io.rpcparallel.internal.mapreduce;

import io.rpcparallel.RpcException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Flow;

/**
 * Reads a {@link Flow.Publisher} as a blocking iterator, with at most {@code window} items
 * requested ahead of the reader.
 */
public final class PublisherIterator<T> implements Iterator<T>, Flow.Subscriber<T> {
  private final int window;
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private Flow.Subscription subscription;
  private boolean complete;
  private Throwable error;
  private int consumedSinceRequest;

  public PublisherIterator(Flow.Publisher<? extends T> publisher, int window) {
    this.window = window;
    publisher.subscribe(this);
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(window);
  }

  @Override
  public synchronized void onNext(T item) {
    items.add(item);
    notifyAll();
  }

  @Override
  public synchronized void onError(Throwable t) {
    error = t;
    notifyAll();
  }

  @Override
  public synchronized void onComplete() {
    complete = true;
    notifyAll();
  }

  @Override
  public synchronized boolean hasNext() {
    while (items.isEmpty() && !complete && error == null) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RpcException("interrupted while waiting for the next input");
      }
    }
    if (!items.isEmpty()) {
      return true;
    }
    if (error != null) {
      throw new RpcException("the input publisher failed: " + error, error);
    }
    return false;
  }

  @Override
  public synchronized T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T item = items.poll();
    // Ask for more in batches of half the window, so the publisher is never starved nor far ahead.
    if (++consumedSinceRequest >= Math.max(1, window / 2) && subscription != null) {
      subscription.request(consumedSinceRequest);
      consumedSinceRequest = 0;
    }
    return item;
  }
}
