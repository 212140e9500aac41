package io.rpcparallel.examples.lifecycle;

import java.util.concurrent.atomic.AtomicInteger;

/** Runs in each {@link Indexer} worker. */
public final class IndexerImpl implements Indexer {
  private final AtomicInteger requests = new AtomicInteger();

  @Override
  public void startIndexing(String what) {
    requests.incrementAndGet();
    if (what.equals("corrupt")) {
      // An exception that escapes a thread of the worker's own goes to the spawn's onFailure,
      // and the worker then exits with status 254.
      new Thread(() -> {
        throw new IllegalStateException("the index of " + what + " is unreadable");
      }, "indexing").start();
    }
  }

  @Override
  public int requests() {
    return requests.get();
  }
}
