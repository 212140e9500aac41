package io.rpcparallel.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.StreamClosedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CreditGateTest {
  private static final IllegalStateException CLOSED = new IllegalStateException("closed");

  /** Starts a thread that takes one credit; the future completes with null, or what it threw. */
  private static CompletableFuture<Throwable> acquireOnAnotherThread(CreditGate gate) {
    CompletableFuture<Throwable> done = new CompletableFuture<>();
    acquirer(gate, done);
    return done;
  }

  private static Thread acquirer(CreditGate gate, CompletableFuture<Throwable> done) {
    Thread t = new Thread(() -> {
      try {
        gate.acquire(() -> CLOSED);
        done.complete(null);
      } catch (RuntimeException e) {
        done.complete(e);
      }
    }, "acquirer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void acquireTakesWhatIsGrantedAndWaitsForMore() throws Exception {
    CreditGate gate = new CreditGate(2);
    gate.acquire(() -> CLOSED);
    gate.acquire(() -> CLOSED);
    assertEquals(0, gate.available());
    CompletableFuture<Throwable> waiting = acquireOnAnotherThread(gate);
    assertFalse(waiting.isDone());
    assertTrue(gate.grant(1));
    assertEquals(null, waiting.get(10, TimeUnit.SECONDS));
    assertEquals(0, gate.available());
  }

  @Test
  void bytesOvershootByOneItemThenTheWriterWaitsForByteCredit() throws Exception {
    CreditGate gate = new CreditGate(10, 100);
    assertFalse(gate.acquire(60, () -> CLOSED), "40 bytes are left");
    assertTrue(gate.acquire(60, () -> CLOSED), "an item larger than what is left still goes, and uses it up");
    assertEquals(-20, gate.availableBytes());
    assertEquals(8, gate.available());
    CompletableFuture<Throwable> waiting = acquireOnAnotherThread(gate);
    assertTrue(gate.grant(0, 20), "bytes alone are a grant");
    assertEquals(0, gate.availableBytes());
    assertFalse(waiting.isDone(), "no byte of credit yet");
    assertTrue(gate.grant(0, 1));
    assertEquals(null, waiting.get(10, TimeUnit.SECONDS));
    assertEquals(7, gate.available());
  }

  @Test
  void nonPositiveGrantsAreIgnoredAndLargeOnesSaturate() {
    CreditGate gate = new CreditGate(0);
    assertFalse(gate.grant(0));
    assertFalse(gate.grant(-5));
    assertEquals(0, gate.available());
    assertTrue(gate.grant(Long.MAX_VALUE));
    assertTrue(gate.grant(Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, gate.available());
  }

  @Test
  void closeWakesAWaiterWithTheGivenError() throws Exception {
    CreditGate gate = new CreditGate(0);
    CompletableFuture<Throwable> waiting = acquireOnAnotherThread(gate);
    assertTrue(gate.close());
    assertSame(CLOSED, waiting.get(10, TimeUnit.SECONDS));
    assertFalse(gate.close());
    assertFalse(gate.grant(3), "a closed gate takes no more credits");
    assertThrows(IllegalStateException.class, () -> gate.acquire(() -> CLOSED));
  }

  @Test
  void anInterruptedWaitEndsWithStreamClosedException() throws Exception {
    CreditGate gate = new CreditGate(0);
    CompletableFuture<Throwable> done = new CompletableFuture<>();
    Thread t = acquirer(gate, done);
    t.interrupt();
    assertTrue(done.get(10, TimeUnit.SECONDS) instanceof StreamClosedException);
  }
}
