package io.rpcparallel.it.shapes;

/** Builds deep values with {@link Chains}. */
public final class NesterImpl implements Nester {
  public NesterImpl() {}

  @Override public Tree tree(int levels) { return Chains.tree(levels); }

  @Override public Shape group(int levels) { return Chains.group(levels); }

  @Override public int levels(Tree tree) { return Chains.levels(tree); }

  @Override public long pid() { return ProcessHandle.current().pid(); }
}
