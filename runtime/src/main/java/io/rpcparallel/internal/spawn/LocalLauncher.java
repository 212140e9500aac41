package io.rpcparallel.internal.spawn;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts workers on this machine, as child processes of this one. */
final class LocalLauncher implements Launcher {
  private static final Logger log = LoggerFactory.getLogger(LocalLauncher.class);

  static final LocalLauncher INSTANCE = new LocalLauncher();

  private LocalLauncher() {}

  @Override
  public Launched start(Launch launch) throws IOException {
    List<String> command = new ArrayList<>(launch.wrap());
    command.addAll(launch.command());
    ProcessBuilder pb = launch.processBuilder(command).directory(launch.cd().toFile());
    pb.environment().putAll(launch.env());
    Process process = pb.start();
    return new Started(process, () -> killTree(process), Optional::empty, () -> "");
  }

  /**
   * Kills a child process and its descendants, waits until it is reaped, and closes its stdin. Its
   * output pipes stay open for their reader, which reads them to their end: what it wrote just
   * before is not lost ({@link Process#destroyForcibly()} would close them under the reader).
   */
  static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.toHandle().destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        log.warn("process {} did not die within 10 s of SIGKILL", process.pid());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (OutputStream stdin = process.getOutputStream()) {
      // closed: nothing more goes to a dead process
    } catch (IOException e) {
      // the pipe is gone already
    }
  }

  @Override
  public String where() {
    return "this machine";
  }

  @Override
  public boolean local() {
    return true;
  }
}
