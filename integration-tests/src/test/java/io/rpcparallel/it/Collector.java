package io.rpcparallel.it;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber for tests: requests nothing by itself unless told to ({@code eager}); keeps every
 * item and signal.
 */
final class Collector<T> implements Flow.Subscriber<T> {
  final List<T> items = new CopyOnWriteArrayList<>();
  final LinkedBlockingQueue<T> arrivals = new LinkedBlockingQueue<>();
  final CompletableFuture<Void> done = new CompletableFuture<>();
  volatile int completions;
  private final boolean eager;
  private volatile Flow.Subscription subscription;

  Collector(boolean eager) {
    this.eager = eager;
  }

  static <T> Collector<T> eager() {
    return new Collector<>(true);
  }

  static <T> Collector<T> lazy() {
    return new Collector<>(false);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (eager) {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(T item) {
    items.add(item);
    arrivals.add(item);
  }

  @Override
  public void onError(Throwable t) {
    completions++;
    done.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    completions++;
    done.complete(null);
  }

  void request(long n) {
    subscription.request(n);
  }

  void cancel() {
    subscription.cancel();
  }

  /** The next item, waiting up to {@link Await#LIMIT} for it. */
  T next() throws InterruptedException {
    T item = arrivals.poll(Await.LIMIT.toNanos(), TimeUnit.NANOSECONDS);
    if (item == null) {
      throw new AssertionError("no item within " + Await.LIMIT + "; done: " + done);
    }
    return item;
  }

  /** Every item, once the stream has completed (waiting up to {@link Await#LIMIT}). */
  List<T> awaitAll() throws Exception {
    Await.result(done);
    return List.copyOf(items);
  }
}
