/**
 * Starting worker processes: checking the options, building the worker's command, launching it
 * through a {@code Launcher} (today on this machine), sending its configuration, copying its
 * output, and the master server that spawned workers register with.
 */
package io.rpcparallel.internal.spawn;
