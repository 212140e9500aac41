package io.rpcparallel.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what this JVM writes to System.err (where workers' prefixed stderr lands) while open. */
final class StderrCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  StderrCapture() {
    PrintStream tee = new PrintStream(new java.io.OutputStream() {
      @Override public synchronized void write(int b) {
        bytes.write(b);
        original.write(b);
      }

      @Override public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        original.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    System.setErr(tee);
  }

  synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
