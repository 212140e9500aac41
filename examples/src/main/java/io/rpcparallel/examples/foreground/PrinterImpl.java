package io.rpcparallel.examples.foreground;

/** Prints in the worker process. */
public final class PrinterImpl implements Printer {
  @Override
  public void print(String line, String warning) {
    System.out.println(line);
    System.out.flush();
    System.err.println(warning);
    System.err.flush();
  }
}
