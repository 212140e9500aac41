package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.HowToRun;
import io.rpcparallel.SpawnException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.it.remote.SlurmFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workers as Slurm job steps, on a real single-node Slurm cluster. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RemoteSlurmIT {
  @RegisterExtension
  static final SlurmFixture SLURM = new SlurmFixture();

  @AfterEach
  void noSlurmWorkerIsLeft() throws Exception {
    SLURM.awaitNoWorkerLeft();
  }

  private static SpawnOptions on(HowToRun how, String name) {
    return SpawnOptions.named(name).withHowToRun(how);
  }

  @Test
  void slurmWorkersAreJobStepsNamedAfterThemAndAnswerCallsAndStreams() throws Exception {
    try (TestWorkerClient a = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(1),
        on(HowToRun.slurm(), "slurm-a"));
        StreamWorkerClient b = StreamWorkerRpc.spawnAndConnect(StreamWorkerImpl.class,
            on(HowToRun.slurm().withTimeLimit(Duration.ofMinutes(10)), "slurm-b"))) {
      assertEquals(3, a.add(2));
      // Under the default transport_security (auto), a worker started through Slurm is reached over TLS.
      assertTrue(a.control().worker().tls() && a.control().encrypted(), "a Slurm worker's connection is TLS");
      assertTrue(b.control().encrypted());
      Collector<Long> got = Collector.eager();
      b.count(0, 4).subscribe(got);
      assertEquals(List.of(0L, 1L, 2L, 3L), got.awaitAll());
      assertTrue(a.env("SLURM_JOB_ID") != null && a.env("SLURM_STEP_ID") != null, "the worker runs in a job step");
      String queue = SLURM.squeue().toString();
      assertTrue(queue.contains("slurm-a") && queue.contains("slurm-b"), queue);
      // A Slurm worker advertises the address it reaches this process from, and listens there.
      String host = a.control().worker().host();
      assertNotEquals("", host);
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress(host, a.control().worker().port()), 5_000);
      }
    }
  }

  @Test
  void aCancelledStepFailsEveryCallInFlightWithWorkerDiedNamingSlurm() throws Exception {
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        on(HowToRun.slurm(), "victim"))) {
      String job = w.env("SLURM_JOB_ID");
      String step = w.env("SLURM_STEP_ID");
      List<CompletableFuture<Long>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(w.async().sleep(120_000));
      }
      SLURM.run("scancel", job + "." + step);
      for (CompletableFuture<Long> c : calls) {
        Throwable t = Await.failure(c);
        WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, t, String.valueOf(t));
        assertTrue(died.getMessage().contains("worker victim died"), died.getMessage());
        assertTrue(died.getMessage().contains("Slurm job " + job + ", step " + step), died.getMessage());
        assertTrue(died.getMessage().contains("its task was killed by SIGKILL (its step was cancelled"),
            died.getMessage());
      }
    }
  }

  @Test
  void aPartitionThatDoesNotExistFailsTheSpawnSayingSo() throws Exception {
    SpawnException e = assertThrows(SpawnException.class, () -> TestWorkerRpc.spawn(TestWorkerImpl.class,
        TestConfig.of(0), on(HowToRun.slurm().withPartition("no-such-partition"), "nowhere")
            .withSpawnTimeout(Duration.ofSeconds(30))));
    assertTrue(e.getMessage().contains("Slurm"), e.getMessage());
    assertTrue(e.getMessage().contains("partition"), e.getMessage());
    SLURM.awaitEmptyQueue();
  }

  @Test
  void insideAnAllocationWorkersAreStepsOfIt() throws Exception {
    List<String> cmd = new ArrayList<>(List.of("salloc", "--quiet", "--ntasks=2", "--job-name=alloc-master"));
    try (JavaProcess master = JavaProcess.startWith(cmd, RemoteSlurmProgram.class, "allocation")) {
      String line = master.readUntil("STEPS ");
      String[] f = line.split(" ");
      assertEquals(f[1], f[2], "both workers run in the master's allocation: " + line);
      assertEquals(f[1], f[3], "both workers run in the master's allocation: " + line);
      assertNotEquals(f[4], f[5], "each worker is its own step: " + line);
      assertEquals(0, master.awaitExit());
    }
  }

  @Test
  void aSpawnThatTimesOutKillsTheWorkerOnItsHost() {
    SpawnException e = assertThrows(SpawnException.class, () -> TestWorkerRpc.spawn(TestWorkerImpl.class,
        new TestConfig(0, "slow", 60_000), on(HowToRun.slurm(), "too-slow").withSpawnTimeout(Duration.ofSeconds(5))));
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    // What is left running is checked after each test.
  }
}
