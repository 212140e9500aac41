package io.rpcparallel.internal.transport;

/**
 * What one side of a connection serves or expects: an interface's name and fingerprint.
 *
 * @param interfaceName shown in messages
 * @param fingerprint must match on both ends
 */
public record Endpoint(String interfaceName, String fingerprint) {}
