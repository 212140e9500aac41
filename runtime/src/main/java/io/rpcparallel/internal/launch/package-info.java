/**
 * What a worker and its master agree on: the configuration a worker is sent on stdin at spawn,
 * and the protocol it speaks to the master that spawned it.
 */
package io.rpcparallel.internal.launch;
