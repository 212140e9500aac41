/**
 * The life of a spawned worker process: reading its configuration from stdin, building its
 * implementation from the init argument, serving, registering with its master, and ending when
 * its shutdown mode says so.
 */
package io.rpcparallel.internal.worker;
