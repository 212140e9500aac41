/**
 * Streams over a connection: their table by id, reading and writing ends, the credits a reader
 * grants a writer, and the adapters between streams and {@code Flow} publishers and subscribers.
 */
package io.rpcparallel.internal.stream;
