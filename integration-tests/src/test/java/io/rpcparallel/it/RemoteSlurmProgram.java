package io.rpcparallel.it;

import io.rpcparallel.HowToRun;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import java.time.Duration;

/**
 * A master run under {@code salloc}: spawns two Slurm workers and prints
 * {@code STEPS <its job> <job of a> <job of b> <step of a> <step of b>}.
 */
public final class RemoteSlurmProgram {
  private RemoteSlurmProgram() {}

  public static void main(String[] args) {
    try (TestWorkerClient a = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("step-a").withHowToRun(HowToRun.slurm()));
        TestWorkerClient b = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
            SpawnOptions.named("step-b").withHowToRun(HowToRun.slurm()))) {
      System.out.println("STEPS " + System.getenv("SLURM_JOB_ID") + " " + a.env("SLURM_JOB_ID") + " "
          + b.env("SLURM_JOB_ID") + " " + a.env("SLURM_STEP_ID") + " " + b.env("SLURM_STEP_ID"));
      System.out.flush();
    }
    RpcParallel.shutdown(Duration.ofSeconds(10));
  }
}
