package io.rpcparallel.it.shapes;

import io.rpcparallel.annotations.RpcWorker;

/** A worker that builds and measures values of recursive records, as deep as it is asked. */
@RpcWorker
public interface Nester {
  /** A tree {@code levels} deep: {@link Chains#tree}. */
  Tree tree(int levels);

  /** Groups nested {@code levels} deep: {@link Chains#group}. */
  Shape group(int levels);

  /** How many levels deep {@code tree} is. */
  int levels(Tree tree);

  /** The worker's process id. */
  long pid();
}
