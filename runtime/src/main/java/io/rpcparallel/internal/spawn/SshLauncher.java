package io.rpcparallel.internal.spawn;

import io.rpcparallel.HowToRun;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts workers on another host over ssh: stages the class path there (once per host and
 * directory in this process; see {@link StagedCopy}), then runs the worker through {@code ssh}
 * with a {@link RemoteScript} that checks the copy's hashes first. The ssh client carries the
 * worker's stdin (its configuration, and the master's lifeline: the worker ends when it closes),
 * stdout and stderr.
 */
final class SshLauncher implements Launcher {
  private static final Logger log = LoggerFactory.getLogger(SshLauncher.class);
  /** Copies staged by this process, by host, options and directory. */
  private static final Map<String, CompletableFuture<StagedCopy>> STAGED = new ConcurrentHashMap<>();

  private final HowToRun.Ssh ssh;

  SshLauncher(HowToRun.Ssh ssh) {
    this.ssh = ssh;
  }

  @Override
  public String where() {
    return "ssh host " + ssh.host();
  }

  @Override
  public Launched start(Launch launch) throws IOException {
    StagedCopy copy = staged(launch.timeout());
    String script = RemoteScript.build(launch, ssh.host(), "", "", copy, ssh.host(), ssh.java().orElse(null));
    RemoteProcess process = new RemoteProcess(
        launch.processBuilder(SshCommand.sshCommand(ssh, launch.timeout(), script)).start());
    return new Started(process, () -> killRemote(process, launch.timeout()), process::error, () -> {
      String pid = process.launched().map(m -> " (pid " + m.get("pid") + ")").orElse("");
      return " on ssh host " + ssh.host() + pid + (process.exitValue() == 255
          ? ": ssh says 255 when the remote process is killed by a signal or the connection is lost" : "");
    });
  }

  private StagedCopy staged(Duration timeout) {
    if (ssh.artifacts().isPresent()) {
      return StagedCopy.at(ssh, ssh.artifacts().get().absoluteDir());
    }
    String key = ssh.host() + " " + ssh.commandOptions() + " " + ssh.artifactsDir();
    CompletableFuture<StagedCopy> mine = new CompletableFuture<>();
    CompletableFuture<StagedCopy> f = STAGED.putIfAbsent(key, mine);
    if (f == null) {
      try {
        mine.complete(StagedCopy.copyTo(ssh, ssh.artifactsDir(), timeout));
      } catch (RuntimeException e) {
        STAGED.remove(key, mine);
        mine.completeExceptionally(e);
      }
      f = mine;
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /** Kills the remote worker by its pid (once the script has said it), then the local ssh client. */
  private void killRemote(RemoteProcess process, Duration timeout) {
    String pid = process.isAlive() ? process.awaitLaunched(2_000).map(m -> m.get("pid")).orElse(null) : null;
    if (pid != null && pid.matches("[0-9]+") && process.isAlive()) {
      try {
        SshCommand.run(ssh, "kill -9 " + pid + " 2>/dev/null; true", timeout, "killing a worker");
      } catch (RuntimeException e) {
        log.warn("could not kill worker process {} on {}: {}", pid, ssh.host(), e.getMessage());
      }
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LocalLauncher.killTree(process.delegate());
  }

  /** Forgets a copy staged by this process, once it is deleted. */
  static void forget(StagedCopy copy) {
    STAGED.values().removeIf(f -> f.isDone() && !f.isCompletedExceptionally()
        && f.join().absoluteDir().equals(copy.absoluteDir()) && f.join().ssh().host().equals(copy.ssh().host()));
  }
}
