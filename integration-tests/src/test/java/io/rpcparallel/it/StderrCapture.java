package io.rpcparallel.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Captures what this JVM writes to System.err (where workers' prefixed stderr lands) while open. */
public final class StderrCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  public StderrCapture() {
    PrintStream tee = new PrintStream(new java.io.OutputStream() {
      @Override public void write(int b) {
        synchronized (StderrCapture.this) {
          bytes.write(b);
          StderrCapture.this.notifyAll();
        }
        original.write(b);
      }

      @Override public void write(byte[] b, int off, int len) {
        synchronized (StderrCapture.this) {
          bytes.write(b, off, len);
          StderrCapture.this.notifyAll();
        }
        original.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    System.setErr(tee);
  }

  public synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Waits until the captured text contains {@code needle} (workers' stderr is copied on another
   * thread, after the fact); fails after {@link Await#LIMIT} with what was captured.
   */
  synchronized String await(String needle) throws InterruptedException {
    long deadline = System.nanoTime() + Await.LIMIT.toNanos();
    String text;
    while (!(text = text()).contains(needle)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no \"" + needle + "\" on stderr within " + Await.LIMIT + "; it had:\n" + text);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return text;
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
