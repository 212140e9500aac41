package io.rpcparallel.examples.quickstart;

/**
 * What {@link Counter#stats} is asked about.
 *
 * @param label a name the answer carries back
 */
public record Window(String label) {}
