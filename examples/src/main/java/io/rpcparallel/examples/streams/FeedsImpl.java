package io.rpcparallel.examples.streams;

import io.rpcparallel.StateStream;
import io.rpcparallel.StreamClosedException;
import io.rpcparallel.StreamWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Runs in each {@link Feeds} worker. */
public final class FeedsImpl implements Feeds {
  private final List<String> notes = new ArrayList<>();
  private volatile CompletableFuture<List<String>> collected = new CompletableFuture<>();

  // snippet:pipe
  @Override
  public Flow.Publisher<Long> countTo(long n) {
    return new Range(1, n);           // asked only for what the caller requested
  }
  // end-snippet

  // snippet:direct
  @Override
  public void countDown(long from, StreamWriter<Long> out) {
    // The writer outlives the call: this method returns at once, and a thread of its own writes.
    new Thread(() -> {
      try {
        for (long i = from; i > 0; i--) {
          out.write(i);               // waits while the caller has no room for it
        }
        out.close();
      } catch (StreamClosedException e) {
        // the caller gave up (out.closed() has completed): stop writing
      }
    }, "count-down").start();
  }
  // end-snippet

  // snippet:reverse
  @Override
  public long sum(Flow.Publisher<Long> numbers) {
    Collect<Long> all = new Collect<>();
    numbers.subscribe(all);           // subscribe before returning
    return all.all().join().stream().mapToLong(Long::longValue).sum();
  }
  // end-snippet

  // snippet:reverse-direct
  @Override
  public StreamWriter<String> collect() {
    Collect<String> lines = new Collect<>();
    CompletableFuture<List<String>> done = new CompletableFuture<>();
    collected = done;
    lines.all().whenComplete((all, error) -> {
      if (error == null) {
        done.complete(all);
      } else {
        done.completeExceptionally(error);
      }
    });
    return StreamWriter.to(lines);    // the caller's items go to this subscriber
  }
  // end-snippet

  @Override
  public CompletableFuture<List<String>> collected() {
    return collected;
  }

  // snippet:state
  @Override
  public StateStream<Long, Long> clock(int ticks) {
    return new StateStream<>(0L, new Range(1, ticks));   // the value now, then each update
  }
  // end-snippet

  @Override
  public synchronized void note(String line) {
    notes.add(line);
    notifyAll();
  }

  @Override
  public synchronized List<String> notes(int count) {
    // One-way calls run on the worker's call pool, so a later call can overtake them: wait.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (notes.size() < count && System.nanoTime() < deadline) {
      try {
        wait(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return List.copyOf(notes);
  }
}
