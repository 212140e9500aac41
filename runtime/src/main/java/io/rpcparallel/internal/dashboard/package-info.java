/**
 * The live dashboard: an HTTP server on the master that serves one page, a JSON snapshot of the
 * workers, calls, jobs and worker logs, and an event stream of the same, to whoever holds its token.
 */
package io.rpcparallel.internal.dashboard;
