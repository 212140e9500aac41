package io.rpcparallel;

import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * What a <em>state call</em> returns: the state as it is now, and the updates that follow it, in
 * order. A worker method returning {@code StateStream<S, U>} answers with {@code initial} at once;
 * the caller then subscribes to {@code updates} (once), with backpressure.
 *
 * @param initial the state when the call was answered (may be null where {@code S} allows it)
 * @param updates the updates after it
 * @param <S> the state
 * @param <U> an update
 */
public record StateStream<S, U>(S initial, Flow.Publisher<U> updates) {
  /**
   * Holds a state and its updates.
   *
   * @param initial the state when the call was answered
   * @param updates the updates after it; not null
   */
  public StateStream {
    Objects.requireNonNull(updates, "updates");
  }
}
