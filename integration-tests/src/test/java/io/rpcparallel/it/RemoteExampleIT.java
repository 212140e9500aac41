package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.examples.remote.RemoteExampleRpcParallelMain;
import io.rpcparallel.examples.wordcount.WordCountRpcParallelMain;
import io.rpcparallel.it.remote.SlurmFixture;
import io.rpcparallel.it.remote.SshFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The examples with their workers on another host, as the docs show them. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RemoteExampleIT {
  @RegisterExtension
  static final SshFixture SSH = new SshFixture();

  @Test
  void wordCountWithHostsRunsItsWorkersOverSsh() throws Exception {
    Path dir = Files.createDirectories(SSH.dir().resolve("corpus"));
    Files.writeString(dir.resolve("a.txt"), "the cat and the hat\nThe end\n");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/b.txt"), "a cat, a hat: the cat's hat\n");
    // No local worker: both workers run on the ssh host, so the counts prove they did the work.
    try (JavaProcess p = JavaProcess.start(WordCountRpcParallelMain.class, "--hosts", "127.0.0.2,127.0.0.2",
        dir.toString(), "0")) {
      String line = p.readUntil("2 files");
      assertTrue(line.startsWith("2 files, 7 distinct words, 14 words"), line);
      assertEquals(0, p.awaitExit());
    }
  }

  @Test
  void theRemoteExampleRunsAWorkerUnderNiceAndAPoolOverSsh() throws Exception {
    try (JavaProcess p = JavaProcess.start(RemoteExampleRpcParallelMain.class, "127.0.0.2")) {
      String line = p.readUntil("remote-1 on ");
      assertEquals("remote-1 on 127.0.0.2: 2, over TLS", line);
      // sum(n) = n(n-1)/2 for 10, 100, 1000 and 10000, computed by one local and two ssh workers
      assertEquals("sum of the sums: 50499495", p.readUntil("sum of the sums: "));
      assertEquals(0, p.awaitExit());
    }
  }

  /** The example's Slurm branch ({@code HOST SLURM_WORKERS}), on the one-node Slurm cluster. */
  @Nested
  @ExtendWith(SlurmFixture.class)
  class WithSlurm {
    @AfterEach
    void noSlurmWorkerIsLeft(SlurmFixture slurm) throws Exception {
      slurm.awaitNoWorkerLeft();
    }

    @Test
    void theRemoteExampleAddsSlurmJobStepsToItsPool(SlurmFixture slurm) throws Exception {
      Set<String> before = jobs(slurm).keySet();
      try (JavaProcess p = JavaProcess.start(RemoteExampleRpcParallelMain.class, "127.0.0.2", "1")) {
        assertEquals("remote-1 on 127.0.0.2: 2, over TLS", p.readUntil("remote-1 on "));
        assertEquals("sum of the sums: 50499495", p.readUntil("sum of the sums: "));
        assertEquals(0, p.awaitExit());
      }
      // The pool's fourth worker (1 local, 2 over ssh, then Slurm) ran as a Slurm job named after it,
      // and ended as the pool did (once Slurm is done with it: COMPLETING until its epilog has run).
      slurm.awaitEmptyQueue();
      Map<String, String> ran = jobs(slurm);
      ran.keySet().removeAll(before);
      assertEquals(List.of("map-3 COMPLETED"), List.copyOf(ran.values()), ran.toString());
    }

    /** The cluster's jobs, finished ones included (Slurm keeps them for a while): name and state by job id. */
    private Map<String, String> jobs(SlurmFixture slurm) {
      Map<String, String> jobs = new TreeMap<>();
      for (String line : slurm.run("squeue", "-h", "--states=all", "-o", "%i %j %T").requireOk().stdout().lines()
          .toList()) {
        String[] f = line.trim().split("\\s+", 2);
        jobs.put(f[0], f[1]);
      }
      return jobs;
    }
  }
}
