package io.rpcparallel.benchmarks.compare;

import io.rpcparallel.StreamWriter;
import io.rpcparallel.annotations.OnEventLoop;
import io.rpcparallel.annotations.RpcWorker;

/** The worker every comparison in {@link Compare} calls. */
@RpcWorker
public interface BenchService {
  /** Returns its argument: the round trip of comparisons 1 and 2. */
  byte[] echo(byte[] payload);

  /** Returns its argument, run on the worker's event loop: the direct rows of comparisons 1 and 2. */
  @OnEventLoop
  byte[] echoOnLoop(byte[] payload);

  /** Writes {@code count} items of {@code size} bytes to {@code out}, then closes it. */
  void items(int size, long count, StreamWriter<byte[]> out);

  /** Spins the CPU for {@code iterations} rounds of {@link Work#burn}: the parallel task. */
  long burn(long iterations);

  /** This worker's process id, for its resident size. */
  long pid();
}
