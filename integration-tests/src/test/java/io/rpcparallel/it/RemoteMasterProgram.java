package io.rpcparallel.it;

import io.rpcparallel.HowToRun;
import io.rpcparallel.SpawnOptions;
import java.io.IOException;
import java.util.List;

/**
 * A master with two ssh workers (on {@code args[0]}, staged in {@code args[1]}) and two Slurm
 * workers, for a test that SIGKILLs it: prints {@code WORKER <pid>} for each, then {@code READY},
 * and waits.
 */
public final class RemoteMasterProgram {
  private RemoteMasterProgram() {}

  public static void main(String[] args) throws IOException {
    HowToRun ssh = HowToRun.ssh(args[0]).withArtifactsDir(args[1]);
    int i = 0;
    for (HowToRun how : List.of(ssh, ssh, HowToRun.slurm(), HowToRun.slurm())) {
      TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
          SpawnOptions.named("orphan-" + i++).withHowToRun(how));
      System.out.println("WORKER " + c.pid());
    }
    System.out.println("READY");
    System.out.flush();
    while (System.in.read() >= 0) {
      // until killed
    }
  }
}
