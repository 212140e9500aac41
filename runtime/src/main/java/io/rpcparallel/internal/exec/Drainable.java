package io.rpcparallel.internal.exec;

import java.time.Duration;

/** A server that {@link Transport#shutdown} stops in order: accepting, then its calls in flight, then its connections. */
public interface Drainable {
  /**
   * Stops accepting, lets the calls in flight finish within {@code grace}, then closes every
   * connection; returns whether every call finished in time.
   *
   * @param grace how long the calls in flight may take
   * @return whether every call finished in time
   */
  boolean drainAndClose(Duration grace);
}
