package io.rpcparallel.it;

import io.rpcparallel.HowToRun;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnException;
import io.rpcparallel.SpawnOptions;
import java.time.Duration;

/**
 * A master whose settings (from its environment) choose its address for remote workers: spawns an
 * ssh worker on {@code args[0]} staged in {@code args[1]}, a Slurm worker given the address
 * {@code args[2]}, and one given an address no host of the test has ({@code args[3]}); prints
 * {@code SSH <advertised host>}, {@code SLURM <advertised host>} and {@code BAD <message>}.
 */
public final class RemoteAddressProgram {
  private RemoteAddressProgram() {}

  public static void main(String[] args) {
    try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(1),
        SpawnOptions.named("addr-ssh").withHowToRun(HowToRun.ssh(args[0]).withArtifactsDir(args[1])))) {
      System.out.println("SSH " + c.control().worker().host() + " " + c.add(1));
    }
    try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(2),
        SpawnOptions.named("addr-slurm").withHowToRun(HowToRun.slurm()).withAddress(args[2]))) {
      System.out.println("SLURM " + c.control().worker().host() + " " + c.add(1));
    }
    try {
      TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(0),
          SpawnOptions.named("addr-bad").withHowToRun(HowToRun.slurm()).withAddress(args[3]));
      System.out.println("BAD spawned");
    } catch (SpawnException e) {
      System.out.println("BAD " + e.getMessage().replace('\n', ' '));
    }
    System.out.flush();
    RpcParallel.shutdown(Duration.ofSeconds(10));
  }
}
