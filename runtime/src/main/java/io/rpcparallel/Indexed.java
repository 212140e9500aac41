package io.rpcparallel;

/**
 * An output of {@link MapReduce#mapUnordered} with the position of its input.
 *
 * @param index the input's position, from 0
 * @param value the output
 * @param <O> the output type
 */
public record Indexed<O>(long index, O value) {}
