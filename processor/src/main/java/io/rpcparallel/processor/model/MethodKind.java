package io.rpcparallel.processor.model;

/** How a worker method is called. */
public enum MethodKind {
  /** Returns its result (or {@code void}); the client blocks until the reply. */
  BLOCKING("call"),
  /** Returns {@code CompletableFuture<R>}; neither side blocks. */
  ASYNC("async"),
  /** {@code @OneWay void}: no reply. */
  ONE_WAY("oneway");

  private final String shape;

  MethodKind(String shape) {
    this.shape = shape;
  }

  /** The kind as the interface fingerprint covers it. */
  public String shape() {
    return shape;
  }
}
