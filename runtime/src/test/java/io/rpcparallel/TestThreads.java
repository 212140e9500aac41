package io.rpcparallel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

/** Watching other threads from a test, where nothing else tells it that they wait. */
public final class TestThreads {
  private TestThreads() {}

  /** Whether {@code t} is parked: waiting for something (a lock, a condition, a future). */
  public static boolean parked(Thread t) {
    Thread.State s = t.getState();
    return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
  }

  /** Waits until {@code t} parks or ends; fails after a minute. */
  public static void awaitParkedOrEnded(Thread t) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!parked(t) && t.getState() != Thread.State.TERMINATED) {
      assertTrue(System.nanoTime() < deadline, t.getName() + " never waited; it is " + t.getState());
      Thread.onSpinWait();
    }
  }
}
