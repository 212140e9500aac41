package io.rpcparallel.examples.quickstart;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Runs in each {@link Counter} worker. */
// snippet:impl
public final class CounterImpl implements Counter {
  private final AtomicLong total;
  public CounterImpl(CounterConfig config) { total = new AtomicLong(config.start()); }
  @Override public long add(long delta) { return total.addAndGet(delta); }
  // snippet-line: ...
  // snippet-hide
  private final AtomicInteger lines = new AtomicInteger();

  @Override
  public CompletableFuture<Stats> stats(Window w) {
    // Answered from another thread: the caller's future completes when this one does.
    return CompletableFuture.supplyAsync(() -> new Stats(w.label(), total.get(), lines.get()));
  }

  @Override
  public void log(String line) {
    lines.incrementAndGet();
  }
  // end-hide
}
// end-snippet
