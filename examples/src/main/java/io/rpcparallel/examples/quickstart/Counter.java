package io.rpcparallel.examples.quickstart;

import io.rpcparallel.annotations.OneWay;
import io.rpcparallel.annotations.RpcWorker;
import java.util.concurrent.CompletableFuture;

/** The quick start's worker: a counter, with a blocking, an asynchronous and a one-way method. */
// snippet:counter
@RpcWorker(init = CounterConfig.class)          // each worker is built from a CounterConfig
public interface Counter {
  long add(long delta);                          // blocking call
  CompletableFuture<Stats> stats(Window w);      // asynchronous on both sides
  @OneWay void log(String line);                 // no reply; returns once sent (waits while the connection is backed up)
}
// end-snippet
