package io.rpcparallel.internal.spawn;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where and how a worker process starts. Every spawn goes the same way — the options are checked,
 * the init argument and the configuration encoded, the worker's command built, and once the
 * process runs its configuration goes to its stdin and the spawn waits for it to register — and
 * a launcher does only the part that depends on where the worker runs: turning the worker's
 * command into a running process, and killing it. {@link LocalLauncher} re-runs this program on
 * this machine; {@link SshLauncher} and {@link SlurmLauncher} run the same command elsewhere with
 * the same pipes, so nothing else changes.
 */
interface Launcher {
  /**
   * Starts the worker. Its stdin and stderr are pipes to this process, and its stdout too when
   * {@link Launch#pipeStdout()} (else it is discarded).
   *
   * @param launch what to start
   * @return the running worker
   * @throws IOException if it could not be started
   */
  Launched start(Launch launch) throws IOException;

  /** How messages name where workers of this launcher run, e.g. {@code "this machine"}. */
  String where();

  /** Whether the worker runs on this machine, as a child of this process. */
  default boolean local() {
    return false;
  }

  /** A started worker: its process (locally the worker itself; remotely what carries its pipes). */
  interface Launched {
    /** The process whose pipes are the worker's. */
    Process process();

    /** Kills the worker, and anything it started, and waits (bounded) until it is gone. */
    void kill();

    /**
     * Why the launch failed, when the launcher's own steps on the far side said so (a remote
     * copy that does not match, no {@code java} there); the spawn then fails with exactly this.
     */
    default Optional<String> failure() {
      return Optional.empty();
    }

    /** What the launcher knows about the worker's end, to add to its death report; empty if nothing. */
    default String deathNote() {
      return "";
    }
  }

  /**
   * A started worker, from its parts.
   *
   * @param process the process whose pipes are the worker's
   * @param killer kills it
   * @param failures the launcher's own failure, if any
   * @param notes what to add to its death report
   */
  record Started(Process process, Runnable killer, Supplier<Optional<String>> failures, Supplier<String> notes)
      implements Launched {
    @Override
    public void kill() {
      killer.run();
    }

    @Override
    public Optional<String> failure() {
      return failures.get();
    }

    @Override
    public String deathNote() {
      return notes.get();
    }
  }
}
