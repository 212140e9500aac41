/**
 * The built-in log stream: the loggers that publish to it, its fan-out to subscribers with
 * bounded buffers, and its wire form.
 */
package io.rpcparallel.internal.log;
