/**
 * The entry points generated code calls ({@code Rpc}, behind every {@code XRpc}) and the routing
 * of a program launched through its generated main: run as a worker, or run the user's main.
 */
package io.rpcparallel.internal.app;
