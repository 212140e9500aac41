/**
 * The rpc-parallel annotation processor: for each {@code @RpcWorker} interface and
 * {@code @RpcParallelApp} class it validates the element into a model
 * ({@code io.rpcparallel.processor.validate}) and writes the generated classes from that model
 * ({@code io.rpcparallel.processor.write}). The messages of every error it reports live here.
 */
package io.rpcparallel.processor;
