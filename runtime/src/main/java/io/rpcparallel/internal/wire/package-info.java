/**
 * Frame layout and buffer I/O: the frames' kinds and headers, {@code WireInput} and
 * {@code WireOutput} over Netty buffers, and the nesting limit of recursive values. A leaf: it
 * uses no other internal package.
 */
package io.rpcparallel.internal.wire;
