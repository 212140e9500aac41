package io.rpcparallel.it.edge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/** A subscriber that requests everything and completes {@link #done} with the items, or the error. */
public final class Collecting<T> implements Flow.Subscriber<T> {
  private final List<T> items = new CopyOnWriteArrayList<>();
  /** The items once the stream completes, or the stream's error. */
  public final CompletableFuture<List<T>> done = new CompletableFuture<>();

  /** The items received so far. */
  public List<T> items() {
    return List.copyOf(items);
  }

  @Override public void onSubscribe(Flow.Subscription s) {
    s.request(Long.MAX_VALUE);
  }

  @Override public void onNext(T item) {
    items.add(item);
  }

  @Override public void onError(Throwable t) {
    done.completeExceptionally(t);
  }

  @Override public void onComplete() {
    done.complete(List.copyOf(items));
  }
}
