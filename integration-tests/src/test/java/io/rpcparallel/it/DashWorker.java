package io.rpcparallel.it;

import io.rpcparallel.StreamWriter;
import io.rpcparallel.annotations.RpcWorker;

/** A worker for the dashboard's tests: slow squares that log now and then, and a log line on demand. */
@RpcWorker(init = Long.class)
public interface DashWorker {
  /** x * x, after the init's delay in milliseconds; logs {@code "squared input <x>"} when x is a multiple of 10. */
  long square(long x);

  /** Logs {@code "said " + message} at INFO. */
  void say(String message);

  /** Fails with {@code IllegalArgumentException(message)}. */
  void fail(String message);

  /** Direct pipe: writes 0, 1, 2, … to {@code out}, one every {@code periodMillis}, until the caller stops reading. */
  void ticks(long periodMillis, StreamWriter<Long> out);

  /** Reverse direct pipe: takes every item the caller writes, and drops it. */
  StreamWriter<Long> drain();
}
