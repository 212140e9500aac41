/**
 * Map-reduce jobs over pools of workers: keeping each worker busy with a bounded number of tasks,
 * running a dead worker's tasks again, replacing it, and reading inputs from a publisher.
 */
package io.rpcparallel.internal.mapreduce;
