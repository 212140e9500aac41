/**
 * The smallest example: a worker interface that adds numbers, its implementation, and an
 * {@code @RpcParallelApp} that spawns a few workers in parallel and calls each.
 */
package io.rpcparallel.examples.sum;
