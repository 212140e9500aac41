package io.rpcparallel.examples.serve;

/** Greets, from whichever process serves it. */
public final class GreeterImpl implements Greeter {
  @Override
  public String greet(String name) {
    return "hello, " + name + ", from process " + ProcessHandle.current().pid();
  }
}
