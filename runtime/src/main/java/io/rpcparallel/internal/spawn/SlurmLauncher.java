package io.rpcparallel.internal.spawn;

import io.rpcparallel.HowToRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each worker as one Slurm job step, {@code srun --nodes=1 --ntasks=1}: its own job when
 * this program runs outside an allocation, a step of the allocation inside one (srun decides, from
 * the {@code SLURM_JOB_ID} it inherits; there each step takes only its own share, {@code --exact}). srun carries the worker's stdin, stdout and stderr;
 * killing the worker cancels its step with {@code scancel}.
 */
final class SlurmLauncher implements Launcher {
  private static final Logger log = LoggerFactory.getLogger(SlurmLauncher.class);

  private final HowToRun.Slurm slurm;

  SlurmLauncher(HowToRun.Slurm slurm) {
    this.slurm = slurm;
  }

  @Override
  public String where() {
    return "Slurm";
  }

  /** The srun command line for a worker. */
  List<String> command(Launch launch, String script) {
    List<String> cmd = new ArrayList<>(List.of("srun", "--nodes=1", "--ntasks=1", "--job-name=" + launch.display()));
    if (System.getenv("SLURM_JOB_ID") != null) {
      // Inside an allocation a step takes all of it unless told otherwise: each worker takes only its share.
      cmd.add("--exact");
    }
    slurm.partition().ifPresent(p -> cmd.add("--partition=" + p));
    slurm.timeLimit().ifPresent(t -> cmd.add("--time=" + Math.max(1, (t.toSeconds() + 59) / 60)));
    slurm.cpusPerTask().ifPresent(c -> cmd.add("--cpus-per-task=" + c));
    slurm.memory().ifPresent(m -> cmd.add("--mem=" + m));
    slurm.account().ifPresent(a -> cmd.add("--account=" + a));
    cmd.addAll(slurm.extraArgs());
    cmd.addAll(List.of("sh", "-c", script));
    return cmd;
  }

  @Override
  public Launched start(Launch launch) throws IOException {
    String script = RemoteScript.build(launch, "the Slurm node", " job=%s step=%s node=%s",
        " \"${SLURM_JOB_ID:-}\" \"${SLURM_STEP_ID:-}\" \"${SLURMD_NODENAME:-}\"", null, null, slurm.java().orElse(null));
    RemoteProcess process = new RemoteProcess(launch.processBuilder(command(launch, script)).start());
    return new Started(process, () -> cancel(process, launch), process::error, () -> process.launched()
        .map(m -> " (Slurm job " + m.get("job") + ", step " + m.get("step") + " on node " + m.get("node") + ")")
        .orElse(" (a Slurm job step)") + signalNote(process.exitValue()));
  }

  /** What srun's exit status says about how Slurm ended the step. */
  static String signalNote(int status) {
    return switch (status) {
      case 143 -> ": its task ended by SIGTERM (its job was cancelled, or reached its time limit)";
      case 137 -> ": its task was killed by SIGKILL (its step was cancelled, or it outlived Slurm's kill wait)";
      default -> "";
    };
  }

  /** Cancels the worker's step (or, before it has started, the request), then reaps srun. */
  private void cancel(RemoteProcess process, Launch launch) {
    Map<String, String> m = process.isAlive() ? process.awaitLaunched(2_000).orElse(null) : null;
    try {
      if (m != null && process.isAlive() && (m.get("job") + "." + m.get("step")).matches("[0-9]+\\.[0-9]+")) {
        SshCommand.Result r = SshCommand.exec(List.of("scancel", m.get("job") + "." + m.get("step")),
            launch.timeout(), "cancelling worker " + launch.display());
        if (r.status() != 0) {
          log.warn("scancel of worker {} (job {} step {}) failed: {}", launch.display(), m.get("job"), m.get("step"),
              r.err().strip());
        }
      } else if (process.isAlive()) {
        // Still waiting for resources: srun withdraws its request on SIGTERM.
        process.delegate().destroy();
      }
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (RuntimeException e) {
      log.warn("could not cancel worker {}: {}", launch.display(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LocalLauncher.killTree(process.delegate());
  }
}
