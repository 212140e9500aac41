package io.rpcparallel.internal;

/**
 * Whether this JVM has JDK Flight Recorder: a runtime image made without the {@code jdk.jfr}
 * module has none. Code that records events checks {@link #AVAILABLE} before it touches
 * {@link RpcEvents}, so that class (and {@code jdk.jfr}) is never loaded where it cannot be.
 */
public final class Jfr {
  /** Whether {@code jdk.jfr} is in this JVM: a constant the JIT folds away. */
  public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

  private Jfr() {}
}
