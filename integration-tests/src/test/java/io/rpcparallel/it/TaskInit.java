package io.rpcparallel.it;

/**
 * The init argument of a map-reduce worker: a shared parameter and the worker's index.
 *
 * @param index the worker's index in its pool
 * @param needle what {@link Tasks#find} looks for
 * @param delayMillis how long each task takes
 */
public record TaskInit(int index, long needle, long delayMillis) {}
