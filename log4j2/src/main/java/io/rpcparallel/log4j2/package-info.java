/**
 * Log4j 2's bridge to a worker's log stream: the {@code RpcParallelWorkerLog} appender plugin,
 * {@link io.rpcparallel.log4j2.WorkerLogAppender}.
 */
package io.rpcparallel.log4j2;
