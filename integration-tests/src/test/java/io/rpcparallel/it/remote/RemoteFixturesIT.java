package io.rpcparallel.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.it.Await;
import io.rpcparallel.it.NoLeftoverWorkers;
import io.rpcparallel.it.Procs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sshd and Slurm fixtures themselves, through the same doors the runtime uses: {@code ssh},
 * {@code scp} and the Slurm clients run by name from this JVM's PATH.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RemoteFixturesIT {

  @Nested
  @ExtendWith(SshFixture.class)
  class Ssh {
    @Test
    void sshByNameReachesTheOtherHost(SshFixture ssh, @TempDir Path tmp) throws Exception {
      assertWrappersFirstOnPath(ssh.binDir());
      CommandResult r = runByName(tmp, "ssh", SshFixture.OTHER_HOST, "echo ok; echo $SSH_CONNECTION").requireOk();
      List<String> lines = r.stdout().lines().toList();
      assertEquals("ok", lines.get(0), r.describe());
      // client address, client port, server address, server port
      String[] connection = lines.get(1).split(" ");
      assertEquals(SshFixture.OTHER_HOST, connection[2], r.describe());
      assertEquals(Integer.toString(ssh.port()), connection[3], r.describe());
    }

    @Test
    void aRemoteCommandRunsInAFreshLogin(SshFixture ssh) {
      CommandResult r = ssh.run(SshFixture.OTHER_HOST, "echo \"$HOME|${JAVA_HOME:-unset}|$PATH\"").requireOk();
      String[] parts = r.stdout().trim().split("\\|");
      assertEquals(ssh.remoteHome().toString(), parts[0], r.describe());
      assertEquals("unset", parts[1], r.describe());
      assertTrue(!parts[2].contains(ssh.binDir().toString()), "the remote PATH is sshd's, not this JVM's: " + parts[2]);
    }

    @Test
    void aPasswordOnlyHostFailsAtOnceUnderBatchMode(SshFixture ssh, @TempDir Path tmp) throws Exception {
      CommandResult r = runByName(tmp, "ssh", "-p", Integer.toString(ssh.passwordOnlyPort()), SshFixture.OTHER_HOST, "true");
      assertEquals(255, r.exitCode(), r.describe());
      assertTrue(r.stderr().contains("Permission denied"), r.describe());
      assertTrue(r.took().compareTo(Duration.ofSeconds(10)) < 0, "BatchMode should fail at once: " + r.describe());
    }

    @Test
    void scpByNameCopiesToTheOtherHostAndBack(SshFixture ssh, @TempDir Path tmp) throws Exception {
      Path local = tmp.resolve("there-and-back.txt");
      Files.writeString(local, "payload\n", StandardCharsets.UTF_8);
      String remote = SshFixture.OTHER_HOST + ":" + ssh.remoteHome().resolve("copied.txt");
      runByName(tmp, "scp", local.toString(), remote).requireOk();
      runByName(tmp, "scp", remote, tmp.resolve("back.txt").toString()).requireOk();
      assertEquals("payload\n", Files.readString(tmp.resolve("back.txt"), StandardCharsets.UTF_8));
      ssh.run(SshFixture.OTHER_HOST, "rm", ssh.remoteHome().resolve("copied.txt").toString()).requireOk();
    }

    @Test
    void sshEndsWith255AndSaysNothingWhenItsRemoteCommandIsKilled(SshFixture ssh, @TempDir Path tmp) throws Exception {
      Path err = tmp.resolve("ssh.err");
      Process client = startByName(err, "ssh", SshFixture.OTHER_HOST, "exec sleep 321");
      try {
        long sleep = awaitOne(() -> ssh.remotePids("^sleep 321$"), () -> read(err) + ssh.log(20));
        ProcessHandle.of(sleep).ifPresent(ProcessHandle::destroyForcibly);
        assertEquals(255, Await.exit(client));
        // LogLevel ERROR: the exit signal is reported at debug level only
        assertEquals("", Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        client.destroyForcibly();
        ssh.remotePids("^sleep 321$").forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
      }
    }

    @Test
    void aRemoteProcessThatOutlivesItsSessionCountsAsThisJvms(SshFixture ssh) throws Exception {
      ssh.run(SshFixture.OTHER_HOST, "sleep 322 </dev/null >/dev/null 2>&1 &").requireOk();
      long sleep = awaitOne(() -> ssh.remotePids("^sleep 322$"), () -> ssh.log(20));
      try {
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.pid() == sleep), "init adopted it");
        assertTrue(Procs.liveDescendants().stream().anyMatch(p -> p.pid() == sleep),
            "a leftover remote process must count as one of this JVM's");
      } finally {
        ProcessHandle.of(sleep).ifPresent(ProcessHandle::destroyForcibly);
      }
      assertTrue(Procs.awaitGone(sleep, Await.LIMIT));
    }
  }

  @Nested
  @ExtendWith(SlurmFixture.class)
  class Slurm {
    @Test
    void srunByNameRunsOnTheNode(SlurmFixture slurm, @TempDir Path tmp) throws Exception {
      assertWrappersFirstOnPath(slurm.binDir());
      CommandResult r = runByName(tmp, "srun", "--nodes=1", "--ntasks=1", "hostname").requireOk();
      assertEquals(slurm.nodeName(), r.stdout().trim(), r.describe());
      slurm.awaitEmptyQueue();
    }

    @Test
    void eightSingleCpuJobsRunAtOnce(SlurmFixture slurm, @TempDir Path tmp) throws Exception {
      Path go = tmp.resolve("go");
      List<Process> sruns = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          sruns.add(startByName(tmp.resolve("srun-" + i + ".err"), "srun", "--nodes=1", "--ntasks=1", "sh", "-c",
              "touch " + tmp + "/started.$SLURM_JOB_ID; while [ ! -e " + go + " ]; do sleep 0.05; done"));
        }
        awaitFiles(tmp, "started.", 8);
        assertEquals(8, slurm.squeue().steps().size(), () -> slurm.squeue().toString());
        Files.createFile(go);
        for (Process srun : sruns) {
          assertEquals(0, Await.exit(srun));
        }
        slurm.awaitEmptyQueue();
      } finally {
        sruns.forEach(Process::destroyForcibly);
        slurm.cancelAll();
      }
    }

    @Test
    void fourStepsOfOneAllocationRunAtOnceWithExact(SlurmFixture slurm, @TempDir Path tmp) throws Exception {
      Path go = tmp.resolve("go");
      String step = "touch " + tmp + "/step.$SLURM_STEP_ID; while [ ! -e " + go + " ]; do sleep 0.05; done";
      Process salloc = startByName(tmp.resolve("salloc.err"), "salloc", "--ntasks=4", "sh", "-c",
          "for i in 1 2 3 4; do srun --exact --nodes=1 --ntasks=1 sh -c '" + step + "' & done; wait");
      try {
        awaitFiles(tmp, "step.", 4);
        SlurmFixture.Queue q = slurm.squeue();
        assertEquals(1, q.jobs().size(), q::toString);
        assertEquals(4, q.steps().size(), q::toString);
        Files.createFile(go);
        assertEquals(0, Await.exit(salloc), () -> read(tmp.resolve("salloc.err")));
        slurm.awaitEmptyQueue();
      } finally {
        salloc.destroyForcibly();
        slurm.cancelAll();
      }
    }

    @Test
    void scancelEndsARunningStep(SlurmFixture slurm, @TempDir Path tmp) throws Exception {
      Path err = tmp.resolve("srun.err");
      Process srun = startByName(err, "srun", "--nodes=1", "--ntasks=1", "sleep", "323");
      try {
        long sleep = awaitOne(() -> slurm.remotePids("sleep 323$"),
            () -> "srun: " + read(err) + "\nqueue: " + slurm.squeue() + "\nslurmd: " + slurm.log("slurmd", 20));
        assertTrue(Procs.liveDescendants().stream().anyMatch(p -> p.pid() == sleep),
            "a job step's task must count as one of this JVM's processes");
        String job = slurm.squeue().jobs().get(0).split(" ")[0];
        slurm.run("scancel", job).requireOk();
        // SIGTERM ends srun's task and srun itself: 128 + 15
        assertEquals(143, Await.exit(srun));
        // slurmstepd's "*** STEP … CANCELLED AT" line reaches srun's stderr only when srun is still
        // listening when slurmstepd writes it: srun's own line is the one always there.
        assertTrue(read(err).contains("task 0: Terminated"), read(err));
        assertTrue(Procs.awaitGone(sleep, Await.LIMIT));
        slurm.awaitEmptyQueue();
      } finally {
        srun.destroyForcibly();
        slurm.cancelAll();
      }
    }

    @Test
    void anUnknownPartitionFailsAtOnce(SlurmFixture slurm) {
      CommandResult r = slurm.run("srun", "--partition=no-such-partition", "--nodes=1", "--ntasks=1", "true");
      assertEquals(1, r.exitCode(), r.describe());
      assertTrue(r.stderr().contains("Invalid partition name specified"), r.describe());
    }
  }

  /** Runs {@code command} found on this JVM's PATH, as the runtime does, its output in files under {@code tmp}. */
  private static CommandResult runByName(Path tmp, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "out-", ".txt");
    Path err = Files.createTempFile(tmp, "err-", ".txt");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command)
        .redirectInput(new File("/dev/null"))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    int status = Await.exit(p);
    return new CommandResult(List.of(command), status, read(out), read(err), Duration.ofNanos(System.nanoTime() - start));
  }

  /** Starts {@code command} found on this JVM's PATH, its stdout discarded and its stderr in {@code err}. */
  private static Process startByName(Path err, String... command) throws IOException {
    return new ProcessBuilder(command)
        .redirectInput(new File("/dev/null"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile())
        .start();
  }

  private static void assertWrappersFirstOnPath(Path binDir) {
    String first = System.getenv("PATH").split(File.pathSeparator)[0];
    assertEquals(binDir.toString(), first, "surefire puts the fixtures' wrappers first on PATH; run this test through Maven");
  }

  /** Waits for {@code pids} to name exactly one process; returns it, or fails with {@code context}. */
  private static long awaitOne(Supplier<List<Long>> pids, Supplier<String> context) throws InterruptedException {
    long deadline = System.nanoTime() + Await.LIMIT.toNanos();
    List<Long> now;
    while ((now = pids.get()).size() != 1) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected one process within " + Await.LIMIT + ", found " + now + "\n" + context.get());
      }
      Thread.sleep(20);
    }
    return now.get(0);
  }

  /** Waits for {@code count} files named {@code prefix}... in {@code dir}, which the jobs create once they run. */
  private static void awaitFiles(Path dir, String prefix, int count) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Await.LIMIT.toNanos();
    while (true) {
      long n;
      try (Stream<Path> files = Files.list(dir)) {
        n = files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
      }
      if (n == count) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(n + " of " + count + " jobs were running after " + Await.LIMIT);
      }
      Thread.sleep(20);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable " + file + ": " + e + ")";
    }
  }
}
