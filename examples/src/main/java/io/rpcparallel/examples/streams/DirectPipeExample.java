package io.rpcparallel.examples.streams;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.annotations.RpcParallelApp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A direct pipe: the caller passes a writer, which the worker keeps writing to after its method
 * returned; then a second one that the caller aborts, which the worker sees.
 */
@RpcParallelApp
public final class DirectPipeExample {
  private DirectPipeExample() {}

  public static void main(String[] args) {
    try (FeedsClient feeds = FeedsRpc.spawnAndConnect(FeedsImpl.class, SpawnOptions.named("direct-pipe"))) {
      // snippet:direct-caller
      Collect<Long> numbers = new Collect<>();
      feeds.countDown(5, StreamWriter.to(numbers));   // returns once the worker's method did
      List<Long> all = numbers.all().join();          // onComplete once the worker closes its writer
      // end-snippet
      System.out.println("direct pipe: " + all);

      // The caller gives up after three items of a countdown that would take long: it cancels,
      // which closes the worker's writer (its later writes throw StreamClosedException).
      FirstN firstThree = new FirstN(3);
      feeds.countDown(1_000_000_000L, StreamWriter.to(firstThree));
      System.out.println("cancelled after: " + firstThree.taken().join());
      System.out.println("the worker still answers: " + feeds.sum(new Range(1, 3)));
    }
  }

  /** Takes the first {@code n} items, then cancels: no further signal comes to it. */
  private static final class FirstN implements Flow.Subscriber<Long> {
    private final int n;
    private final List<Long> items = new ArrayList<>();
    private final CompletableFuture<List<Long>> taken = new CompletableFuture<>();
    private Flow.Subscription subscription;

    FirstN(int n) {
      this.n = n;
    }

    CompletableFuture<List<Long>> taken() {
      return taken;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(n);
    }

    @Override
    public void onNext(Long item) {
      items.add(item);
      if (items.size() == n) {
        subscription.cancel();                        // the worker's out.closed() completes
        taken.complete(List.copyOf(items));
      }
    }

    @Override
    public void onError(Throwable error) {
      taken.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      taken.complete(List.copyOf(items));
    }
  }
}
