package io.rpcparallel.it.edge;

import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

public final class EdgeWorkerImpl implements EdgeWorker {
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<List<Long>>> sinks = new ConcurrentHashMap<>();

  @Override
  public String echo(String s) {
    return s;
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public String bigError(int chars) {
    throw new IllegalStateException("x".repeat(chars));
  }

  @Override
  public CompletableFuture<String> bigErrorAsync(int chars) {
    return CompletableFuture.supplyAsync(() -> {
      throw new IllegalStateException("y".repeat(chars));
    });
  }

  @Override
  public byte[] bigResult(int bytes) {
    return new byte[bytes];
  }

  @Override
  public void failStream(int chars, StreamWriter<String> out) {
    out.write("first");
    out.fail(new IllegalStateException("z".repeat(chars)));
  }

  @Override
  public Flow.Publisher<byte[]> bytes(Shape shape, int n, int size) {
    return Publishers.of(shape, n, i -> new byte[size]);
  }

  @Override
  public long consume(Flow.Publisher<byte[]> in) {
    Collecting<byte[]> c = new Collecting<>();
    in.subscribe(c);
    return c.done.join().stream().mapToLong(b -> b.length).sum();
  }

  @Override
  public Flow.Publisher<Long> numbers(Shape shape, int n) {
    return Publishers.of(shape, n, i -> i);
  }

  @Override
  public StateStream<Integer, Long> numbersState(Shape shape, int n) {
    return new StateStream<>(n, Publishers.of(shape, n, i -> i));
  }

  @Override
  public void numbersDirect(int n, StreamWriter<Long> out) {
    for (long i = 0; i < n; i++) {
      out.write(i);
    }
    out.close();
  }

  @Override
  public List<Long> collect(Flow.Publisher<Long> in) {
    Collecting<Long> c = new Collecting<>();
    in.subscribe(c);
    return c.done.join();
  }

  @Override
  public StreamWriter<Long> sink(String key) {
    Collecting<Long> c = new Collecting<>();
    sinks.put(key, c.done);
    return StreamWriter.to(c);
  }

  @Override
  public List<Long> collected(String key) {
    try {
      return sinks.get(key).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("sink " + key + " did not end: " + e, e);
    }
  }

  @Override
  public long sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return millis;
  }

  private CountDownLatch gate(String key) {
    return gates.computeIfAbsent(key, k -> new CountDownLatch(1));
  }

  @Override
  public boolean await(String key) {
    try {
      return gate(key).await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void open(String key) {
    gate(key).countDown();
  }

  @Override
  public int peakThreads() {
    return ManagementFactory.getThreadMXBean().getPeakThreadCount();
  }

  @Override
  public long heapUsed() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
