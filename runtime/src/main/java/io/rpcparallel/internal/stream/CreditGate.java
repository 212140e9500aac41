package io.rpcparallel.internal.stream;

import io.rpcparallel.StreamClosedException;
import java.util.function.Supplier;

/**
 * Counts the items a writer may still send: a stream's credits granted by its reader, or a
 * subscriber's demand. {@link #acquire} waits for one; {@link #grant} adds some; {@link #close}
 * wakes every waiter for good. Nothing but this counter runs under its monitor.
 */
final class CreditGate {
  private long credits;
  private boolean closed;

  CreditGate(long initial) {
    if (initial < 0) {
      throw new IllegalArgumentException("negative credits " + initial);
    }
    this.credits = initial;
  }

  /**
   * Takes one credit, waiting while there is none.
   *
   * @param whyClosed the exception to throw once the gate is closed
   * @throws StreamClosedException if the gate is closed, or the wait is interrupted
   */
  synchronized void acquire(Supplier<? extends RuntimeException> whyClosed) {
    while (credits == 0 && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StreamClosedException("interrupted while waiting for the reader to take more items");
      }
    }
    if (closed) {
      throw whyClosed.get();
    }
    credits--;
  }

  /**
   * Adds {@code n} credits (saturating at {@link Long#MAX_VALUE}). Returns false, adding nothing,
   * if {@code n} is not positive or the gate is closed.
   */
  synchronized boolean grant(long n) {
    if (n <= 0 || closed) {
      return false;
    }
    credits = credits + n < 0 ? Long.MAX_VALUE : credits + n;
    notifyAll();
    return true;
  }

  /** The credits held now. */
  synchronized long available() {
    return credits;
  }

  /** Closes the gate; returns false if it was closed already. */
  synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    notifyAll();
    return true;
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
