package io.rpcparallel.internal.spawn;

import java.io.IOException;

/**
 * Where and how a worker process starts. Every spawn goes the same way — the options are checked,
 * the init argument and the configuration encoded, the worker's command built, and once the
 * process runs its configuration goes to its stdin and the spawn waits for it to register — and
 * a launcher does only the part that depends on where the worker runs: turning the worker's
 * command into a running process, and killing it. {@link LocalLauncher} re-runs this program on
 * this machine; a remote launcher runs the same command elsewhere (over ssh, through a scheduler)
 * with the same pipes, so nothing else changes.
 */
interface Launcher {
  /**
   * Starts the worker. Its stdin and stderr are pipes to this process, and its stdout too when
   * {@link Launch#pipeStdout()} (else it is discarded).
   *
   * @param launch what to start
   * @return the running process (locally the worker itself; remotely what carries its pipes)
   * @throws IOException if it could not be started
   */
  Process start(Launch launch) throws IOException;

  /**
   * Kills a worker this launcher started, and anything it started, and waits until it is gone.
   *
   * @param process what {@link #start} returned
   */
  void kill(Process process);

  /** How messages name where workers of this launcher run, e.g. {@code "this machine"}. */
  String where();
}
