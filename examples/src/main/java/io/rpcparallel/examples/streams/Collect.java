package io.rpcparallel.examples.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A subscriber that requests every item and gathers them: {@link #all()} completes with them at the
 * stream's end, or with its error.
 */
final class Collect<T> implements Flow.Subscriber<T> {
  private final List<T> items = new ArrayList<>();
  private final CompletableFuture<List<T>> all = new CompletableFuture<>();

  CompletableFuture<List<T>> all() {
    return all;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public synchronized void onNext(T item) {
    items.add(item);
  }

  @Override
  public synchronized void onError(Throwable error) {
    all.completeExceptionally(error);
  }

  @Override
  public synchronized void onComplete() {
    all.complete(List.copyOf(items));
  }
}
