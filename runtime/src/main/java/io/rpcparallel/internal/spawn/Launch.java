package io.rpcparallel.internal.spawn;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One worker to start: what a {@link Launcher} needs.
 *
 * @param display the worker's name in messages
 * @param command the worker's command line, as it runs on this machine
 * @param parts the same command in parts, for launchers that rebuild it for another machine
 * @param wrap commands to put in front of the worker's command line, outermost first (may be empty)
 * @param env variables to add to the worker's environment (the worker marker included)
 * @param cd the worker's working directory
 * @param pipeStdout whether the worker's stdout comes back to this process
 * @param timeout how long the launcher's own steps may take (the spawn timeout)
 */
record Launch(String display, List<String> command, WorkerCommand.Parts parts, List<String> wrap,
    Map<String, String> env, Path cd, boolean pipeStdout, java.time.Duration timeout) {
  Launch {
    command = List.copyOf(command);
    wrap = List.copyOf(wrap);
    env = Map.copyOf(env);
  }

  /** A process builder for {@code command} with the worker's pipes: stdin and stderr, and stdout if asked for. */
  ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectOutput(pipeStdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.PIPE);
    return pb;
  }
}
