package io.rpcparallel.internal.gen;

/** A program's own {@code main}, as the generated routing main calls it. For generated code only. */
@FunctionalInterface
public interface AppMain {
  void main(String[] args) throws Exception;
}
