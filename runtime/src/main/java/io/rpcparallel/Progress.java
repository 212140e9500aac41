package io.rpcparallel;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How far a map-reduce job has come.
 *
 * @param done inputs whose output has been produced
 * @param total the number of inputs, when known (a collection's size)
 * @param failed inputs that failed for good (the job fails with the first)
 * @param retried task runs repeated because a worker died under them
 * @param workers workers now serving the job
 * @param elapsed time since the job started
 */
public record Progress(long done, OptionalLong total, long failed, long retried, int workers, Duration elapsed) {
  /** {@return outputs per second since the start} */
  public double throughput() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : done / s;
  }
}
