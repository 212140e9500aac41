/**
 * What generated code implements and calls ({@code Dispatcher}, {@code WorkerType},
 * {@code RpcConnection} …): the seam between the processor's output and the runtime. A leaf: it
 * uses no other internal package. For generated code only.
 */
package io.rpcparallel.internal.gen;
