package io.rpcparallel.it.remote;

import java.time.Duration;
import java.util.List;

/**
 * How a command a fixture ran ended.
 *
 * @param command the command line, as run
 * @param exitCode its exit status (128 + n when a signal n ended it, as a shell reports it)
 * @param stdout everything it wrote to stdout
 * @param stderr everything it wrote to stderr
 * @param took from its start to its end
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, Duration took) {
  public CommandResult {
    command = List.copyOf(command);
  }

  /** Whether it exited with status 0. */
  public boolean ok() {
    return exitCode == 0;
  }

  /** This result if the command exited with status 0; otherwise fails with {@link #describe()}. */
  public CommandResult requireOk() {
    if (!ok()) {
      throw new AssertionError(describe());
    }
    return this;
  }

  /** The command, its exit status and its output, for a failure message. */
  public String describe() {
    return String.join(" ", command) + " exited with " + exitCode + " after " + took.toMillis() + " ms\n--- stdout:\n"
        + stdout + "--- stderr:\n" + stderr;
  }
}
