/**
 * Connections: the Netty pipeline (framing, handshake, heartbeats, one handler per connection),
 * the handshake that proves the run's secret, calls in flight and their replies, the write-buffer
 * age limit, and the servers that accept connections.
 */
package io.rpcparallel.internal.transport;
