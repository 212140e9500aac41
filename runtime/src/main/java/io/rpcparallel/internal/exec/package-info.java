/**
 * The process's event loops and thread pools, and the order in which they and the servers using
 * them shut down.
 */
package io.rpcparallel.internal.exec;
