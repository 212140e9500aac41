package io.rpcparallel.benchmarks;

import io.rpcparallel.annotations.RpcWorker;

/** The worker interface whose generated codecs the benchmark measures. */
@RpcWorker
public interface OrderService {
  Order place(Order order);
}
