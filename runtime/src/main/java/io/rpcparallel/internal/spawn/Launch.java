package io.rpcparallel.internal.spawn;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One worker to start: what a {@link Launcher} needs.
 *
 * @param display the worker's name in messages
 * @param command the worker's command line, as it runs on this machine
 * @param env variables to add to the worker's environment (the worker marker included)
 * @param cd the worker's working directory
 * @param pipeStdout whether the worker's stdout comes back to this process
 */
record Launch(String display, List<String> command, Map<String, String> env, Path cd, boolean pipeStdout) {
  Launch {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }
}
