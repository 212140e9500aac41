package io.rpcparallel.it;

import io.rpcparallel.annotations.RpcWorker;

/** A worker for lifecycle tests: background failures, output, process facts. */
@RpcWorker
public interface ProbeWorker {
  /** Throws an IllegalStateException with this message on a new background thread. */
  void failInBackground(String message);

  /** Writes a line to stderr. */
  void printErr(String line);

  /** A system property of the worker, or null. */
  String property(String key);

  /** The worker's process id. */
  long pid();

  /** Blocks for the given time (the worker stays responsive to heartbeats unless stopped). */
  long sleep(long millis);

  /** Accepts a payload and returns its length. */
  int consume(byte[] payload);
}
