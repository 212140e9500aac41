package io.rpcparallel.examples.serve;

import io.rpcparallel.annotations.RpcWorker;

/** A worker that greets. */
@RpcWorker
public interface Greeter {
  /** {@return a greeting for {@code name}} */
  String greet(String name);
}
