package io.rpcparallel.internal.spawn;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts workers on this machine, as child processes of this one. */
final class LocalLauncher implements Launcher {
  private static final Logger log = LoggerFactory.getLogger(LocalLauncher.class);

  static final LocalLauncher INSTANCE = new LocalLauncher();

  private LocalLauncher() {}

  @Override
  public Process start(Launch launch) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(launch.command()).directory(launch.cd().toFile());
    pb.environment().putAll(launch.env());
    pb.redirectOutput(launch.pipeStdout() ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.PIPE);
    return pb.start();
  }

  @Override
  public void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        log.warn("worker process {} did not die within 10 s of SIGKILL", process.pid());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (OutputStream stdin = process.getOutputStream()) {
      // closed: nothing more goes to a dead worker
    } catch (IOException e) {
      // the pipe is gone already
    }
  }

  @Override
  public String where() {
    return "this machine";
  }
}
