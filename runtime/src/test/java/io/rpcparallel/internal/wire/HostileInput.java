package io.rpcparallel.internal.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.WireFormatException;
import java.lang.management.ManagementFactory;

/**
 * The property every fuzz target checks: bytes from a peer decode to a value or fail with
 * {@link WireFormatException}, nothing else, and decoding them allocates no more than the bytes
 * received justify (a length field is checked against what is left before anything is allocated
 * for it).
 */
public final class HostileInput {
  private HostileInput() {}

  /** Heap a decoder may allocate per byte received: objects, boxes, map entries, a string's chars. */
  public static final long BYTES_PER_INPUT_BYTE = 128;
  /**
   * Heap any decode may allocate regardless of its input: the first use of a class, of Netty, of
   * the time-zone data (measured: up to about 11 MiB). A length field trusted before it is checked
   * claims up to 2^31 elements, far beyond.
   */
  public static final long FIXED_ALLOWANCE = 32 << 20;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** What a decode did with hostile bytes. */
  public enum Outcome { DECODED, REFUSED }

  /**
   * Runs {@code decode} on {@code inputLength} hostile bytes: fails the fuzz test if it throws
   * anything but {@link WireFormatException}, or allocates more than the input justifies.
   */
  public static Outcome decode(int inputLength, Runnable decode) {
    Outcome[] outcome = new Outcome[1];
    allocating(inputLength, () -> {
      try {
        decode.run();
        outcome[0] = Outcome.DECODED;
      } catch (WireFormatException e) {
        outcome[0] = Outcome.REFUSED;
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        throw new AssertionError("hostile bytes made the decoder throw " + e + " instead of WireFormatException", e);
      }
    });
    return outcome[0];
  }

  /**
   * Runs {@code body}, which handles {@code inputLength} hostile bytes, and fails if it allocates
   * more heap than they justify. Over the bound, it runs once more and only that second run counts:
   * the first run of a code path may load (and the fuzzer instrument) classes, which an input
   * cannot make happen twice.
   */
  public static void allocating(int inputLength, Runnable body) {
    long allowed = FIXED_ALLOWANCE + BYTES_PER_INPUT_BYTE * inputLength;
    long before = THREADS.getCurrentThreadAllocatedBytes();
    body.run();
    if (THREADS.getCurrentThreadAllocatedBytes() - before <= allowed) {
      return;
    }
    before = THREADS.getCurrentThreadAllocatedBytes();
    body.run();
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated <= allowed, () -> "handling " + inputLength + " hostile bytes allocated " + allocated
        + " bytes of heap (allowed " + allowed + ")");
  }
}
