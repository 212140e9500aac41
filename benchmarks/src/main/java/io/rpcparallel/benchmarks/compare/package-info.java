/**
 * The comparisons {@code benchmarks/run} drives: rpc-parallel's workers against gRPC-java, raw
 * Netty, raw TCP and the machine's floor, each server a process of its own, and the cost of a
 * spawn.
 */
package io.rpcparallel.benchmarks.compare;
