package io.rpcparallel.it;

import io.rpcparallel.StateStream;
import io.rpcparallel.StreamClosedException;
import io.rpcparallel.StreamWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** The implementation of {@link StreamWorker}. */
public class StreamWorkerImpl implements StreamWorker {
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong sinkTaken = new AtomicLong();
  private final CountDownLatch sinkBlocked = new CountDownLatch(1);
  private final CountDownLatch sinkRelease = new CountDownLatch(1);
  private final List<StreamWorkerClient> peers = new ArrayList<>();
  private volatile StreamWriter<String> pongs;
  private final AtomicLong chunksWritten = new AtomicLong();
  private volatile Thread chunksWriter;

  @Override public Flow.Publisher<Long> count(long from, long n) {
    return CountingPublisher.longs(from, n, produced);
  }

  @Override public long produced() {
    return produced.get();
  }

  @Override public Flow.Publisher<Long> relay(Peer peer, long n) {
    StreamWorkerClient c = StreamWorkerRpc.connect(peer.streamWorker());
    synchronized (peers) {
      peers.add(c);
    }
    return c.count(0, n);
  }

  @Override public void pongs(StreamWriter<String> out) {
    pongs = out;
  }

  @Override public boolean ping(String s) {
    try {
      pongs.write("pong " + s);
      return true;
    } catch (StreamClosedException e) {
      return false;
    }
  }

  @Override public boolean pongsClosed(long millis) {
    try {
      pongs.closed().get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override public List<Long> shard(int shard, Flow.Publisher<Long> items) {
    Collector<Long> c = Collector.eager();
    items.subscribe(c);
    try {
      return c.awaitAll();
    } catch (Exception e) {
      throw new IllegalStateException("shard " + shard + ": " + e, e);
    }
  }

  @Override public void chunks(int size, int count, StreamWriter<byte[]> out) {
    chunksWritten.set(0);
    Thread t = new Thread(() -> {
      byte[] item = new byte[size];
      try {
        for (int i = 0; i < count; i++) {
          out.write(item);
          chunksWritten.incrementAndGet();
        }
        out.close();
      } catch (RuntimeException e) {
        out.fail(e);
      }
    }, "chunks-writer");
    t.setDaemon(true);
    chunksWriter = t;
    t.start();
  }

  @Override public long chunksWritten() {
    return chunksWritten.get();
  }

  @Override public boolean chunksWriterWaiting(long millis) {
    Thread t = chunksWriter;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      Thread.State s = t.getState();
      if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.TERMINATED) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  @Override public StreamWriter<Long> slowSink(int blockAt) {
    return new StreamWriter<>() {
      private final CompletableFuture<Void> closed = new CompletableFuture<>();

      @Override public void write(Long item) {
        if (sinkTaken.incrementAndGet() == blockAt) {
          sinkBlocked.countDown();
          try {
            sinkRelease.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }

      @Override public void close() {
        closed.complete(null);
      }

      @Override public void fail(Throwable error) {
        closed.complete(null);
      }

      @Override public CompletableFuture<Void> closed() {
        return closed;
      }
    };
  }

  @Override public long sinkTaken() {
    return sinkTaken.get();
  }

  @Override public boolean sinkBlocked(long millis) {
    try {
      return sinkBlocked.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override public void releaseSink() {
    sinkRelease.countDown();
  }

  @Override public StateStream<Long, String> watch(long initial, int updates) {
    return new StateStream<>(initial, new CountingPublisher<>(0, updates, i -> "u" + i, new AtomicLong()));
  }

  @Override public void die(int status) {
    Runtime.getRuntime().halt(status);
  }

  @Override public List<String> chain(int depth) {
    List<String> args = Procs.arguments(ProcessHandle.current().pid());
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("child-of-")) {
        out.add(a + " " + ProcessHandle.current().pid());
      }
    }
    if (depth > 1) {
      try (StreamWorkerClient child = StreamWorkerRpc.spawnAndConnect(StreamWorkerImpl.class,
          io.rpcparallel.SpawnOptions.named("chain-" + (depth - 1)).withSpawnTimeout(java.time.Duration.ofSeconds(60)))) {
        out.addAll(child.chain(depth - 1));
      }
    }
    return out;
  }

  @Override public long pid() {
    return ProcessHandle.current().pid();
  }
}
