package io.rpcparallel.examples.quickstart;

/**
 * What {@link Counter#stats} answers.
 *
 * @param label the label of the window asked about
 * @param total the counter's value
 * @param lines how many lines were logged through {@link Counter#log}
 */
public record Stats(String label, long total, int lines) {}
