package io.rpcparallel.benchmarks.compare;

import io.rpcparallel.StreamWriter;

/** The worker side of {@link BenchService}. */
public final class BenchServiceImpl implements BenchService {
  @Override public byte[] echo(byte[] payload) {
    return payload;
  }

  @Override public byte[] echoOnLoop(byte[] payload) {
    return payload;
  }

  @Override public void items(int size, long count, StreamWriter<byte[]> out) {
    // One array for every item: what is measured is the stream, not the allocator.
    byte[] item = new byte[size];
    for (long i = 0; i < count; i++) {
      out.write(item);
    }
    out.close();
  }

  @Override public long burn(long iterations) {
    return Work.burn(iterations);
  }

  @Override public long pid() {
    return ProcessHandle.current().pid();
  }
}
