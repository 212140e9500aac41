package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.RemoteException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streams end whatever the order of subscribe, credit and end: every stream kind, in both
 * directions, with publishers that end at once, fail at once, emit inside {@code request}, emit
 * from their own thread, or are hot; 100 calls of each, every one with the right items.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StreamEndsIT {
  private static final int CALLS = 100;
  private static final int ITEMS = 5;
  private static EdgeWorkerClient worker;

  @BeforeAll
  static void spawn() {
    worker = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("stream-ends"));
  }

  @AfterAll
  static void shutdown() throws Exception {
    long pid = worker.pid();
    worker.control().shutdown();
    java.util.Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isPresent()) {
      p.get().onExit().get(30, TimeUnit.SECONDS);
    }
  }

  /** What a call ended with: its items and whether it failed. */
  private record Outcome(List<Long> items, Throwable error) {}

  private static Outcome subscribe(Flow.Publisher<Long> publisher) throws Exception {
    Collecting<Long> c = new Collecting<>();
    publisher.subscribe(c);
    return await(c);
  }

  private static Outcome await(Collecting<Long> c) throws Exception {
    try {
      c.done.get(30, TimeUnit.SECONDS);
      return new Outcome(c.items(), null);
    } catch (ExecutionException e) {
      return new Outcome(c.items(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the stream never ended; items so far: " + c.items());
    }
  }

  private static void check(Shape shape, int call, Outcome o) {
    if (shape == Shape.FAILING_AT_ONCE) {
      assertTrue(o.error() instanceof RemoteException re && re.getMessage().contains("failed at once"),
          "call " + call + ": expected the publisher's failure, got " + o);
    } else {
      assertEquals(null, o.error(), "call " + call);
      assertEquals(Publishers.expected(shape, ITEMS), o.items(), "call " + call);
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void pipeFromWorker(Shape shape) throws Exception {
    for (int i = 0; i < CALLS; i++) {
      check(shape, i, subscribe(worker.numbers(shape, ITEMS)));
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void stateUpdatesFromWorker(Shape shape) throws Exception {
    for (int i = 0; i < CALLS; i++) {
      StateStream<Integer, Long> state = worker.numbersState(shape, ITEMS);
      assertEquals(ITEMS, state.initial());
      check(shape, i, subscribe(state.updates()));
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void reversePipeFromCaller(Shape shape) throws Exception {
    for (int i = 0; i < CALLS; i++) {
      CompletableFuture<List<Long>> call = worker.async().collect(Publishers.of(shape, ITEMS, n -> n));
      Outcome o;
      try {
        o = new Outcome(call.get(30, TimeUnit.SECONDS), null);
      } catch (ExecutionException e) {
        o = new Outcome(List.of(), e.getCause());
      } catch (TimeoutException e) {
        throw new AssertionError("call " + i + " with a " + shape + " publisher never returned");
      }
      check(shape, i, o);
    }
  }

  @Test
  void directPipeWriterClosingAtOnce() throws Exception {
    for (int n : new int[] {0, ITEMS}) {
      for (int i = 0; i < CALLS; i++) {
        Collecting<Long> c = new Collecting<>();
        worker.async().numbersDirect(n, StreamWriter.to(c)).get(30, TimeUnit.SECONDS);
        Outcome o = await(c);
        assertEquals(null, o.error());
        assertEquals(Publishers.expected(Shape.IN_REQUEST, n), o.items());
      }
    }
  }

  @Test
  void reverseDirectPipeWriterClosingAtOnce() {
    for (int n : new int[] {0, ITEMS}) {
      for (int i = 0; i < CALLS; i++) {
        String key = n + "-" + i;
        StreamWriter<Long> sink = worker.sink(key);
        List<Long> sent = new ArrayList<>();
        for (long k = 0; k < n; k++) {
          sink.write(k);
          sent.add(k);
        }
        sink.close();
        assertEquals(sent, worker.collected(key), "sink " + key);
      }
    }
  }
}
