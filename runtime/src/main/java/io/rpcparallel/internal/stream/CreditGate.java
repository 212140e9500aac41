package io.rpcparallel.internal.stream;

import io.rpcparallel.StreamClosedException;
import java.util.function.Supplier;

/**
 * Counts what a writer may still send, in items and in bytes: a stream's credits granted by its
 * reader, or a subscriber's demand (items only: its bytes are unlimited). {@link #acquire} waits
 * until there is at least one item and some bytes of credit, then takes one item and the item's
 * size, so the byte credit may go below zero by at most one item; {@link #grant} adds some;
 * {@link #close} wakes every waiter for good. Nothing but these counters runs under its monitor.
 */
final class CreditGate {
  private long items;
  private long bytes;
  private boolean closed;

  /** A gate of items only (a subscriber's demand): its bytes are unlimited. */
  CreditGate(long items) {
    this(items, Long.MAX_VALUE);
  }

  CreditGate(long items, long bytes) {
    if (items < 0 || bytes < 0) {
      throw new IllegalArgumentException("negative credits " + items + ", " + bytes);
    }
    this.items = items;
    this.bytes = bytes;
  }

  /** Takes one item of no bytes (a gate of items only); see {@link #acquire(long, Supplier)}. */
  void acquire(Supplier<? extends RuntimeException> whyClosed) {
    acquire(0, whyClosed);
  }

  /**
   * Takes one item of {@code size} bytes, waiting while there is no item or no byte of credit.
   *
   * @param whyClosed the exception to throw once the gate is closed
   * @return whether this took the last credit (of items or bytes): the writer is out of credit now
   * @throws StreamClosedException if the gate is closed, or the wait is interrupted
   */
  synchronized boolean acquire(long size, Supplier<? extends RuntimeException> whyClosed) {
    while ((items == 0 || bytes <= 0) && !closed) {
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
    items--;
    bytes -= size;
    return items == 0 || bytes <= 0;
  }

  /** Adds {@code n} items of credit; see {@link #grant(long, long)}. */
  boolean grant(long n) {
    return grant(n, 0);
  }

  /**
   * Adds {@code n} items and {@code b} bytes of credit (saturating at {@link Long#MAX_VALUE}).
   * Returns false, adding nothing, if neither is positive or the gate is closed.
   */
  synchronized boolean grant(long n, long b) {
    if ((n <= 0 && b <= 0) || closed) {
      return false;
    }
    items = add(items, Math.max(0, n));
    bytes = add(bytes, Math.max(0, b));
    notifyAll();
    return true;
  }

  private static long add(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  /** The items of credit held now. */
  synchronized long available() {
    return items;
  }

  /** The bytes of credit held now (below zero after an item larger than what was left). */
  synchronized long availableBytes() {
    return bytes;
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
