package io.rpcparallel.examples.eventloop;

import java.util.Map;

/**
 * What {@link Prices#rebuild} answers.
 *
 * @param prices each sku's price
 * @param thread the name of the worker thread that built it
 */
public record Report(Map<String, Long> prices, String thread) {}
