/**
 * The runtime's implementation, not an API. Its packages depend one way (each uses only those
 * below it in docs/internals.md, "How the code is laid out", and the public package), which the build
 * checks; this package itself holds what every one of them shares: the process's run context
 * ({@code RunContext}) and the handling of wrapped failures ({@code Failures}).
 */
package io.rpcparallel.internal;
