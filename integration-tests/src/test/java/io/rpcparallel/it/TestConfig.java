package io.rpcparallel.it;

/**
 * The init argument of {@link TestWorker} implementations.
 *
 * @param start the running total's initial value
 * @param label a label returned by {@link TestWorker#label()}
 * @param initMillis how long the constructor sleeps (for spawn timeouts)
 */
public record TestConfig(long start, String label, long initMillis) {
  public static TestConfig of(long start) {
    return new TestConfig(start, "test", 0);
  }
}
