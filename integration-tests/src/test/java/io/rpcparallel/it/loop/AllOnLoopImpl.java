package io.rpcparallel.it.loop;

public final class AllOnLoopImpl implements AllOnLoop {
  @Override
  public String thread() {
    return Thread.currentThread().getName();
  }
}
