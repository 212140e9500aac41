package io.rpcparallel.internal.gen;

import io.rpcparallel.WireInput;

/** Reads a call's result on the caller's side. For generated code only. */
@FunctionalInterface
public interface ResultReader<R> {
  R read(WireInput in);
}
