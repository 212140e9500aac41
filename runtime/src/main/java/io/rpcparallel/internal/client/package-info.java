/** Connecting to running workers from their handles. */
package io.rpcparallel.internal.client;
