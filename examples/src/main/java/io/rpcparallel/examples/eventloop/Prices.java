package io.rpcparallel.examples.eventloop;

import io.rpcparallel.annotations.OnEventLoop;
import io.rpcparallel.annotations.RpcWorker;
import java.util.List;

/** Prices from memory, answered on the worker's event loop, and a slower report on its call pool. */
// snippet:prices
@RpcWorker
public interface Prices {
  @OnEventLoop
  long price(String sku);        // runs on the worker's event loop

  Report rebuild(List<String> skus);   // runs on the call pool, as usual
}
// end-snippet
