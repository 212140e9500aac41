package io.rpcparallel.it;

import io.rpcparallel.HowToRun;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.it.remote.SlurmFixture;
import io.rpcparallel.it.remote.SshFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spawn times by where the worker runs, from spawn to the first call answered: local, over ssh
 * with a fresh artifacts directory (the class path is copied), over ssh again (nothing to copy),
 * and as a Slurm job step, on the fixtures' real sshd and Slurm. Not part of the build: run by
 * {@code benchmarks/run}, which passes {@code -Dbench.out=<file>} and {@code -Dbench.rounds=<n>}
 * and appends the table to RESULTS.md.
 */
class RemoteSpawnBench {
  @RegisterExtension
  static final SshFixture SSH = new SshFixture();
  @RegisterExtension
  static final SlurmFixture SLURM = new SlurmFixture();

  private static double spawnMillis(SpawnOptions options) {
    long t0 = System.nanoTime();
    try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0), options)) {
      c.add(1);
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  @Test
  void spawnTimes() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 5);
    spawnMillis(SpawnOptions.named("warm-up"));
    List<String[]> rows = new ArrayList<>();
    double[] local = measure(rounds, () -> SpawnOptions.named("local"));
    rows.add(row("local (this machine)", local, local));
    double[] first = new double[rounds];
    double[] second = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      String dir = SSH.dir().resolve("bench-" + i).toString();
      HowToRun.Ssh ssh = HowToRun.ssh("127.0.0.2").withArtifactsDir(dir);
      first[i] = spawnMillis(SpawnOptions.named("ssh-first").withHowToRun(ssh));
      second[i] = spawnMillis(SpawnOptions.named("ssh-again").withHowToRun(ssh));
    }
    rows.add(row("ssh, first spawn on the host (class path copied)", first, local));
    rows.add(row("ssh, later spawn (nothing copied, hashes checked)", second, local));
    double[] slurm = measure(rounds, () -> SpawnOptions.named("slurm").withHowToRun(HowToRun.slurm()));
    rows.add(row("Slurm job step (srun, own job)", slurm, local));
    StringBuilder md = new StringBuilder("| where | median ms | min ms | × local |\n|---|---|---|---|\n");
    for (String[] r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    String out = System.getProperty("bench.out");
    if (out != null) {
      Files.writeString(Path.of(out), md);
    }
    System.out.print(md);
  }

  private static double[] measure(int rounds, Supplier<SpawnOptions> options) {
    double[] t = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      t[i] = spawnMillis(options.get());
    }
    return t;
  }

  private static String[] row(String name, double[] t, double[] local) {
    return new String[] {name, fmt(median(t)), fmt(Arrays.stream(t).min().orElse(0)),
        String.format(Locale.ROOT, "%.2f", median(t) / median(local))};
  }

  private static double median(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String fmt(double ms) {
    return String.format(Locale.ROOT, "%.0f", ms);
  }
}
