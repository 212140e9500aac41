package io.rpcparallel.processor.model;

/** How a worker method is called. */
public enum MethodKind {
  /** Returns its result (or {@code void}); the client blocks until the reply. */
  BLOCKING("call"),
  /** Returns {@code CompletableFuture<R>}; neither side blocks. */
  ASYNC("async"),
  /** {@code @OneWay void}: no reply. */
  ONE_WAY("oneway"),
  /** Returns {@code Flow.Publisher<T>}: a stream from the worker to the caller. */
  PIPE("pipe"),
  /** Takes a {@code StreamWriter<T>} last and returns void: the worker writes to the caller. */
  DIRECT_PIPE("direct-pipe"),
  /** Takes a {@code Flow.Publisher<U>} last: a stream from the caller; the worker answers once. */
  REVERSE_PIPE("reverse-pipe"),
  /** Returns {@code StreamWriter<U>}: the caller writes to the worker. */
  REVERSE_DIRECT_PIPE("reverse-direct-pipe"),
  /** Returns {@code StateStream<S, U>}: an initial state, then a stream of updates. */
  STATE("state");

  private final String shape;

  MethodKind(String shape) {
    this.shape = shape;
  }

  /** Whether a call of this kind carries a stream. */
  public boolean streams() {
    return this != BLOCKING && this != ASYNC && this != ONE_WAY;
  }

  /** The kind as the interface fingerprint covers it. */
  public String shape() {
    return shape;
  }
}
