package io.rpcparallel.it;

/**
 * @param value the task's output
 * @param workerIndex the index of the worker that computed it
 * @param inits how many times that worker process built its state
 * @param pid the worker's process id
 */
public record TaskResult(long value, int workerIndex, int inits, long pid) {}
