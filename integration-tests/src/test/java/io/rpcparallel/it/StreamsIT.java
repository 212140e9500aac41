package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.internal.stream.StreamTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of stream against real worker processes: rpc_parallel's stream examples in Java. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StreamsIT {
  /**
   * The reader's first window: items in flight or buffered per stream. It grows only when the
   * reader has taken every item while the writer waits.
   */
  private static final int WINDOW = 32;

  private static StreamWorkerClient spawn(String name) {
    return StreamWorkerRpc.spawnAndConnect(StreamWorkerImpl.class, SpawnOptions.named(name)
        .withSpawnTimeout(Duration.ofSeconds(60)));
  }

  @Test
  void aServerStreamRelayedThroughWorkerToWorkerConnectionsArrivesExactlyOnce() throws Exception {
    try (StreamWorkerClient source = spawn("relay-source"); StreamWorkerClient relay = spawn("relay")) {
      Collector<Long> got = Collector.eager();
      // The generated client's control() gives the handle its interface's type: no cast to pass it on.
      Worker<StreamWorker> sourceHandle = source.control().worker();
      relay.relay(Peer.of(sourceHandle), 5_000).subscribe(got);
      assertEquals(LongStream.range(0, 5_000).boxed().toList(), got.awaitAll());
      assertEquals(1, got.completions);
      assertEquals(5_000, source.produced());
    }
  }

  @Test
  void directPipePingPongForFiveRoundsThenAbort() throws Exception {
    try (StreamWorkerClient w = spawn("ping-pong")) {
      Collector<String> pongs = Collector.eager();
      StreamWriter<String> sink = StreamWriter.to(pongs);
      w.pongs(sink); // returns once the worker has the writer; it keeps writing after
      for (int i = 0; i < 5; i++) {
        assertTrue(w.ping("" + i));
        assertEquals("pong " + i, pongs.next());
      }
      pongs.cancel(); // the caller aborts the stream
      assertTrue(sink.closed().isDone(), "the caller's writer closed once cancelled");
      assertTrue(w.pongsClosed(30_000), "the worker's writer saw the abort");
      assertFalse(w.ping("late"), "a write after the abort fails");
      assertEquals(List.of("pong 0", "pong 1", "pong 2", "pong 3", "pong 4"), pongs.items);
      assertEquals(0, pongs.completions, "a cancelled subscriber gets no further signal");
      assertTrue(w.pid() > 0, "the next call on the same connection works");
    }
  }

  @Test
  void tenShardsEachReceiveExactlyTheirReversePipeItems() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<StreamWorkerClient> shards = new ArrayList<>();
    try {
      List<Future<StreamWorkerClient>> spawns = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String name = "shard-" + i;
        spawns.add(pool.submit(() -> spawn(name)));
      }
      for (Future<StreamWorkerClient> f : spawns) {
        shards.add(f.get(120, TimeUnit.SECONDS)); // ten spawns at once, each allowed 60 s
      }
      List<CompletableFuture<List<Long>>> results = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long shard = i;
        // Shard i gets i, i + 10, i + 20, ...: 1000 items each.
        results.add(shards.get(i).async().shard(i,
            new CountingPublisher<>(0, 1_000, k -> k * 10 + shard, new AtomicLong())));
      }
      for (int i = 0; i < 10; i++) {
        long shard = i;
        assertEquals(LongStream.range(0, 1_000).map(k -> k * 10 + shard).boxed().toList(),
            Await.result(results.get(i)));
      }
    } finally {
      shards.forEach(StreamWorkerClient::close);
      pool.shutdownNow();
    }
  }

  @Test
  void aStateCallReturnsItsInitialValueAndEveryUpdateInOrder() throws Exception {
    try (StreamWorkerClient w = spawn("state")) {
      StateStream<Long, String> state = w.watch(42, 500);
      assertEquals(42L, state.initial());
      Collector<String> updates = Collector.eager();
      state.updates().subscribe(updates);
      assertEquals(LongStream.range(0, 500).mapToObj(i -> "u" + i).toList(), updates.awaitAll());
      Collector<String> second = Collector.eager();
      state.updates().subscribe(second);
      Await.failure(second.done);
    }
  }

  @Test
  void aSlowReaderSlowsAFastWriterInTheOtherProcess() throws Exception {
    try (StreamWorkerClient w = spawn("backpressure")) {
      Collector<Long> slow = Collector.lazy();
      w.count(0, 10_000_000).subscribe(slow);
      for (int i = 0; i < 200; i++) {
        slow.request(1);
        assertEquals(i, slow.next());
        if (i % 50 == 49) {
          // The producer could make millions; it makes only what the credits allow: what was read
          // and the reader's window. The window starts at 32 items and grows whenever this reader
          // has taken every item while the writer waits (a one-by-one reader can, when a credit's
          // round trip takes longer than reading what is left), but never past MAX_WINDOW.
          long made = w.produced();
          assertTrue(made <= i + 1 + StreamTable.MAX_WINDOW, "made " + made + " after " + (i + 1) + " were read");
        }
      }
      slow.cancel();
      long made = w.produced();
      assertTrue(made <= 200 + StreamTable.MAX_WINDOW, "made " + made + " after 200 were read");
      // Cancelling one stream leaves the connection working, and a new stream on it.
      Collector<Long> again = Collector.eager();
      w.count(7, 3).subscribe(again);
      assertEquals(List.of(7L, 8L, 9L), again.awaitAll());
    }
  }

  @Test
  void aCallersWriterWaitsForASlowWorkerSink() throws Exception {
    try (StreamWorkerClient w = spawn("slow-sink")) {
      StreamWriter<Long> out = w.slowSink(10);
      int items = 10_000;
      // The first window, and the quarter of it the sink's reader granted back after taking 8 items.
      long limit = WINDOW + WINDOW / 4;
      AtomicLong written = new AtomicLong();
      CountDownLatch windowWritten = new CountDownLatch(1);
      CompletableFuture<Void> writer = new CompletableFuture<>();
      Thread writing = new Thread(() -> {
        try {
          for (long i = 0; i < items; i++) {
            out.write(i);
            if (written.incrementAndGet() == limit) {
              windowWritten.countDown();
            }
          }
          out.close();
          writer.complete(null);
        } catch (Throwable e) {
          writer.completeExceptionally(e);
        }
      }, "slow-sink-writer");
      writing.setDaemon(true);
      writing.start();
      // The sink blocks on its 10th item; the writer can then send what was granted, and must wait there.
      assertTrue(w.sinkBlocked(Await.LIMIT.toMillis()), "the sink never took its 10th item");
      assertTrue(windowWritten.await(Await.LIMIT.toNanos(), TimeUnit.NANOSECONDS), "written: " + written);
      long deadline = System.nanoTime() + Await.LIMIT.toNanos();
      while (!parked(writing) && !writer.isDone() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(limit, written.get(), "the writer sent exactly the credits granted, then waited");
      assertFalse(writer.isDone());
      w.releaseSink();
      Await.result(writer);
      assertEquals(items, written.get());
    }
  }

  @Test
  void aSlowReaderOfLargeItemsHoldsTheWritersBytesInFlightToTheLargestByteWindow() throws Exception {
    int size = 1 << 20;
    int count = 40;
    // The largest window in bytes, one item over it (a writer may overshoot by one) and the one in
    // the reader's hands: 18 items of 1 MiB, where a window of items alone would allow 32 and more.
    long bound = StreamTable.MAX_WINDOW_BYTES / size + 2;
    try (StreamWorkerClient w = spawn("large-items")) {
      Collector<byte[]> slow = Collector.lazy();
      w.chunks(size, count, StreamWriter.to(slow));
      long mostAhead = 0;
      for (int taken = 0; taken < count; taken++) {
        // The writer runs ahead of this slow reader as far as its credits let it, then waits.
        assertTrue(w.chunksWriterWaiting(Await.LIMIT.toMillis()), "the writer never waited");
        long ahead = w.chunksWritten() - taken;
        mostAhead = Math.max(mostAhead, ahead);
        assertTrue(ahead <= bound, ahead + " items of 1 MiB written and not yet read, more than " + bound);
        slow.request(1);
        assertEquals(size, slow.next().length);
      }
      Await.result(slow.done);
      assertEquals(count, w.chunksWritten());
      assertTrue(mostAhead >= 1, "the writer never ran ahead");
    }
  }

  private static boolean parked(Thread t) {
    Thread.State s = t.getState();
    return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
  }

  @Test
  void aStreamWhoseWorkerDiesEndsWithWorkerDied() throws Exception {
    try (StreamWorkerClient w = spawn("dying-streamer")) {
      Collector<Long> got = Collector.lazy();
      w.count(0, Long.MAX_VALUE).subscribe(got);
      got.request(1);
      assertEquals(0L, got.next());
      assertThrows(WorkerDiedException.class, () -> w.die(3));
      Throwable cause = Await.failure(got.done);
      assertTrue(cause instanceof WorkerDiedException, String.valueOf(cause));
    }
  }
}
