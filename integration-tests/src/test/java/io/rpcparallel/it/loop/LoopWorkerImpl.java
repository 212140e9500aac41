package io.rpcparallel.it.loop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

public final class LoopWorkerImpl implements LoopWorker {
  private final AtomicLong total = new AtomicLong();

  @Override
  public String threadOnLoop(long tag) {
    return Thread.currentThread().getName() + " " + tag;
  }

  @Override
  public String threadOnPool(long tag) {
    return Thread.currentThread().getName() + " " + tag;
  }

  @Override
  public long mix(long a, long b) {
    return a * 31 + b;
  }

  @Override
  public long refuse(long n) {
    throw new IllegalStateException("refused " + n);
  }

  @Override
  public void add(long n) {
    total.addAndGet(n);
  }

  @Override
  public long total() {
    return total.get();
  }

  @Override
  public CompletableFuture<String> later(long tag) {
    String ranOn = Thread.currentThread().getName();
    return CompletableFuture.supplyAsync(() -> ranOn + " " + tag);
  }
}
