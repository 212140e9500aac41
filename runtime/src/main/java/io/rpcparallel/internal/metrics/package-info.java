/**
 * Counts kept for the dashboard while someone watches it: calls per worker method (rate, errors,
 * latency over the last minute). A leaf: the connections that record into it know nothing of who
 * reads it.
 */
package io.rpcparallel.internal.metrics;
