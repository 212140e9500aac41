/** Annotations that mark worker interfaces and rpc-parallel applications. */
package io.rpcparallel.annotations;
