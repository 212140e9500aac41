package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.HowToRun;
import io.rpcparallel.MapReduce;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.MapResults;
import io.rpcparallel.WorkerFactory;
import io.rpcparallel.it.remote.SlurmFixture;
import io.rpcparallel.it.remote.SshFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Local, ssh and Slurm workers together: one map-reduce pool, and a master killed under them. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RemoteMixIT {
  @RegisterExtension
  static final SshFixture SSH = new SshFixture();
  @RegisterExtension
  static final SlurmFixture SLURM = new SlurmFixture();

  @AfterEach
  void noSlurmWorkerIsLeft() throws Exception {
    SLURM.awaitNoWorkerLeft();
  }

  private static MapReduceConfig pool() {
    HowToRun ssh = HowToRun.ssh("127.0.0.2").withArtifactsDir(SSH.dir().resolve("artifacts").toString());
    return MapReduceConfig.local(2).withWorkers(ssh, 2).withWorkers(HowToRun.slurm(), 2);
  }

  private static WorkerFactory<TasksClient> workers(long delayMillis) {
    return (i, options) -> TasksRpc.spawnAndConnect(TasksImpl.class, new TaskInit(i, -1, delayMillis), options);
  }

  private static List<Long> range(long n) {
    return LongStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  void aMixedPoolGivesExactlyTheLocalResult() {
    Optional<List<Long>> all = MapReduce.mapReduce(pool(), workers(0), range(2000),
        (w, x) -> w.async().singleton(x), (a, b) -> {
          List<Long> c = new ArrayList<>(a);
          c.addAll(b);
          return c;
        });
    assertEquals(range(2000), all.orElseThrow());
    Optional<Long> sum = MapReduce.mapReduceCommutative(pool(), workers(0), range(2000),
        (w, x) -> w.async().square(x).thenApply(TaskResult::value), Long::sum);
    assertEquals(LongStream.range(0, 2000).map(x -> x * x).sum(), sum.orElseThrow());
  }

  @Test
  void aRemoteWorkerKilledMidJobIsRetriedLikeALocalOne() throws Exception {
    List<TaskResult> out = new ArrayList<>();
    Set<Integer> indexes = new HashSet<>();
    boolean killed = false;
    // No task runs until all 6 workers have joined (remote ones start later, over ssh and Slurm and
    // with TLS): every kind takes part, whatever the machine's speed.
    java.util.Set<String> joined = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.CompletableFuture<Void> allJoined = new java.util.concurrent.CompletableFuture<>();
    try (MapResults<TaskResult> results = MapReduce.map(pool(), workers(10), range(3000),
        (w, x) -> {
          if (joined.add(w.control().worker().id()) && joined.size() >= 6) {
            allJoined.complete(null);
          }
          return allJoined.thenCompose(v -> w.async().square(x));
        })) {
      while (results.hasNext()) {
        TaskResult r = results.next();
        out.add(r);
        indexes.add(r.workerIndex());
        // Worker indexes 2 and 3 run over ssh: kill one of them on its host once it has answered.
        if (!killed && r.workerIndex() == 2) {
          SSH.run("127.0.0.2", "kill", "-9", Long.toString(r.pid()));
          killed = true;
        }
      }
    }
    assertTrue(killed, "an ssh worker answered and was killed");
    assertEquals(3000, out.size());
    for (int i = 0; i < 3000; i++) {
      assertEquals((long) i * i, out.get(i).value());
    }
    assertTrue(indexes.containsAll(List.of(0, 1, 2, 3, 4, 5)), "every kind of worker took part: " + indexes);
  }

  @Test
  void noRemoteWorkerOutlivesASigkilledMasterByMoreThanTenSeconds() throws Exception {
    List<Long> pids = new ArrayList<>();
    try (JavaProcess master = JavaProcess.start(RemoteMasterProgram.class, "127.0.0.2",
        SSH.dir().resolve("artifacts").toString())) {
      for (int i = 0; i < 4; i++) {
        pids.add(Long.parseLong(master.readUntil("WORKER ").split(" ")[1]));
      }
      master.readUntil("READY");
      master.kill();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    for (long pid : pids) {
      assertTrue(Procs.awaitGone(pid, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))),
          "worker " + pid + " outlived its master by 10 s");
    }
    SLURM.awaitEmptyQueue();
  }

  @Test
  void theMastersAddressSettingsAndAWorkersOwnAddressAreUsed() throws Exception {
    // The master listens for remote workers on 127.0.0.1 only and gives them that address; the ssh
    // worker is reached at 127.0.0.2 and the Slurm worker at the 127.0.0.3 it was given.
    try (JavaProcess master = JavaProcess.start(java.util.Map.of("RPC_PARALLEL_RPC_SETTINGS",
        "listen_address=127.0.0.1,advertise_address=127.0.0.1"), RemoteAddressProgram.class, "127.0.0.2",
        SSH.dir().resolve("artifacts").toString(), "127.0.0.3", "192.0.2.123")) {
      assertEquals("SSH 127.0.0.2 2", master.readUntil("SSH "));
      assertEquals("SLURM 127.0.0.3 3", master.readUntil("SLURM "));
      String bad = master.readUntil("BAD ");
      assertTrue(bad.contains("cannot listen on the worker address 192.0.2.123 given at spawn"), bad);
      assertEquals(0, master.awaitExit());
    }
  }
}
