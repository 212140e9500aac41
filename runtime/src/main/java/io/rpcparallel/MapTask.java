package io.rpcparallel;

import java.util.concurrent.CompletableFuture;

/**
 * Runs one input on a worker; typically {@code (worker, input) -> worker.async().map(input)}.
 * Tasks may run more than once when a worker dies mid-job, so the worker method must be safe to
 * re-run.
 *
 * @param <C> the generated client type
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface MapTask<C extends RpcClient, I, O> {
  /**
   * Starts the task for one input.
   *
   * @param worker the worker to run it on
   * @param input the input
   * @return the output, when the worker has produced it
   */
  CompletableFuture<O> apply(C worker, I input);
}
