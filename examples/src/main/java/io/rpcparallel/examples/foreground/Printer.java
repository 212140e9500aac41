package io.rpcparallel.examples.foreground;

import io.rpcparallel.annotations.RpcWorker;

/** A worker that prints. */
@RpcWorker
public interface Printer {
  /** Prints {@code line} on the worker's stdout, and {@code warning} on its stderr. */
  void print(String line, String warning);
}
