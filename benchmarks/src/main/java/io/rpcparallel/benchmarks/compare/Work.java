package io.rpcparallel.benchmarks.compare;

/** The CPU-bound task of the parallel speed-up comparison. */
final class Work {
  private Work() {}

  /** An xorshift loop the JIT cannot fold away; about 1 ns an iteration. */
  static long burn(long iterations) {
    long x = 88172645463325252L + iterations;
    for (long i = 0; i < iterations; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }
}
