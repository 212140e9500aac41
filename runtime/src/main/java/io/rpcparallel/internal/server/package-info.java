/** Serving a worker interface inside the current JVM ({@code XRpc.serve}). */
package io.rpcparallel.internal.server;
