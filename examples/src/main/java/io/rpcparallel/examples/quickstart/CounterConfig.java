package io.rpcparallel.examples.quickstart;

/**
 * What each {@link Counter} worker is built from.
 *
 * @param start the counter's first value
 */
// snippet:config
public record CounterConfig(long start) {}
// end-snippet
