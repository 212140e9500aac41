/**
 * Starting worker processes: checking the options, building the worker's command, launching it
 * through a {@code Launcher} (on this machine, over ssh with the class path staged by hash, or as a
 * Slurm job step, any of them wrapped), sending its configuration, copying its output, and the
 * master server that spawned workers register with.
 */
package io.rpcparallel.internal.spawn;
