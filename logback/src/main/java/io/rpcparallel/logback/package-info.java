/**
 * Logback's bridge to a worker's log stream: {@link io.rpcparallel.logback.WorkerLogAppender}.
 */
package io.rpcparallel.logback;
