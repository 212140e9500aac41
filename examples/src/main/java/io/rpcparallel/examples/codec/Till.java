package io.rpcparallel.examples.codec;

import io.rpcparallel.annotations.RpcWorker;
import java.util.List;

/** A worker that adds up amounts of money. */
@RpcWorker
public interface Till {
  /** {@return the sum of {@code amounts}, all in one currency} */
  Money total(List<Money> amounts);
}
