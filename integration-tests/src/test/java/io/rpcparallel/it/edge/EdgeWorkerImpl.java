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
  private final Map<String, CompletableFuture<String>> byteSinks = new ConcurrentHashMap<>();

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
  public String bigErrorOf(int times, String unit) {
    throw new IllegalStateException(unit.repeat(times));
  }

  @Override
  public Flow.Publisher<String> failingPipe(int chars) {
    return s -> s.onSubscribe(new Flow.Subscription() {
      private boolean done;

      @Override
      public synchronized void request(long n) {
        if (!done) {
          done = true;
          s.onNext("first");
          s.onError(new IllegalStateException("w".repeat(chars)));
        }
      }

      @Override
      public void cancel() {}
    });
  }

  @Override
  public StreamWriter<byte[]> byteSink(String key) {
    Collecting<byte[]> c = new Collecting<>();
    byteSinks.put(key, c.done.handle((items, e) -> e == null ? items.size() + " items" : e.toString()));
    return StreamWriter.to(c);
  }

  @Override
  public String byteSinkOutcome(String key) {
    try {
      return byteSinks.get(key).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("sink " + key + " did not end: " + e, e);
    }
  }

  @Override
  public StateStream<byte[], byte[]> bigState(int initialBytes, int updateBytes) {
    return new StateStream<>(new byte[initialBytes], Publishers.of(Shape.IN_REQUEST, 1, i -> new byte[updateBytes]));
  }

  @Override
  public void bigItemDirect(int size, StreamWriter<byte[]> out) {
    out.write(new byte[size]);
    out.close();
  }

  @Override
  public Flow.Publisher<Long> endless(String gate, String cancelled) {
    if (!gate.isEmpty()) {
      await(gate);
    }
    return s -> s.onSubscribe(new Flow.Subscription() {
      private long next;

      @Override
      public synchronized void request(long n) {
        for (long i = 0; i < n && next < 10_000; i++) {
          s.onNext(next++); // a window at most: the rest waits for credit that never comes
        }
      }

      @Override
      public void cancel() {
        open(cancelled);
      }
    });
  }

  @Override
  public void endlessDirect(String gate, String cancelled, StreamWriter<Long> out) {
    if (!gate.isEmpty()) {
      await(gate);
    }
    try {
      for (long i = 0; ; i++) {
        out.write(i);
      }
    } catch (RuntimeException e) {
      open(cancelled);
    }
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
  public void hold(String key, byte[] payload) {
    await(key);
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
