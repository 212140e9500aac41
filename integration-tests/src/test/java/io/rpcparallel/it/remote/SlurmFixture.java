package io.rpcparallel.it.remote;

import io.rpcparallel.it.Await;
import io.rpcparallel.it.FixtureDaemons;
import io.rpcparallel.it.Procs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real single-node Slurm cluster (munged, slurmctld, slurmd, all in the foreground, every file
 * under one temp directory) for the tests of this JVM. Register it with
 * {@code @RegisterExtension static final SlurmFixture SLURM = new SlurmFixture();} or
 * {@code @ExtendWith(SlurmFixture.class)} and a test parameter of type {@code SlurmFixture}; the
 * first test class that does starts the cluster, the end of the JUnit run stops it.
 *
 * <p>The node is this machine, named as {@code hostname -s} prints it, in one default partition
 * {@code debug}. It claims {@value #CPUS} CPUs whatever the machine has, and the partition lets up to
 * {@value #JOBS_PER_CPU} jobs share a CPU, so that a test can run that many single-CPU jobs and
 * steps at once on a small machine. Job steps inside one allocation share its CPUs only with
 * {@code srun --exact} (or {@code --cpus-per-task}, {@code --overlap}): without it, Slurm 21.08 and
 * later give a step all of the allocation's CPUs on the node and the next step waits.
 *
 * <p>{@code srun}, {@code scancel}, {@code squeue}, {@code sinfo}, {@code salloc}, {@code sbatch} and
 * {@code scontrol} run by name from the test JVM (surefire puts {@link #binDir()} first on its
 * PATH) reach this cluster: wrapper scripts there set {@code SLURM_CONF}.
 *
 * <p>Needs munge and Slurm's daemons and clients: without them the tests are skipped, or with
 * {@code CI=true} fail.
 */
public final class SlurmFixture extends OnePerJvm<SlurmFixture.Cluster> {
  /** The CPUs the node claims (SlurmdParameters=config_overrides lets it claim more than it has). */
  public static final int CPUS = 8;
  /** How many jobs may share one CPU (OverSubscribe=FORCE on the partition). */
  public static final int JOBS_PER_CPU = 8;
  /** The one partition, the default. */
  public static final String PARTITION = "debug";
  /** Set in the environment of every job the wrappers submit, so that its tasks are found. */
  static final String MARKER = "RPCPARALLEL_IT_SLURM";

  private static final List<String> CLIENTS = List.of("srun", "scancel", "squeue", "sinfo", "salloc", "sbatch", "scontrol");
  private static final List<Tools.Need> NEEDS = List.of(
      new Tools.Need("munged", "munge"),
      new Tools.Need("mungekey", "munge"),
      new Tools.Need("slurmctld", "slurmctld"),
      new Tools.Need("slurmd", "slurmd"),
      new Tools.Need("srun", "slurm-client"),
      new Tools.Need("sinfo", "slurm-client"),
      new Tools.Need("squeue", "slurm-client"),
      new Tools.Need("scancel", "slurm-client"),
      new Tools.Need("salloc", "slurm-client"),
      new Tools.Need("sbatch", "slurm-client"),
      new Tools.Need("scontrol", "slurm-client"));
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  /** A handle; the cluster itself is shared by every instance in this JVM. */
  public SlurmFixture() {}

  @Override
  Cluster start() throws Exception {
    return Cluster.start(Tools.require(NEEDS));
  }

  /** The cluster's configuration; the wrappers pass it as {@code SLURM_CONF}. */
  public Path slurmConf() {
    return running().conf;
  }

  /** The one node's name ({@code hostname -s}), which {@code srun hostname} prints. */
  public String nodeName() {
    return running().node;
  }

  /** The fixture's temp directory (key, configuration, state, spool, logs); deleted at the end of the run. */
  public Path dir() {
    return running().daemons.dir();
  }

  /** Where the Slurm client wrappers are: put it first on the PATH of a program a test starts itself. */
  public Path binDir() {
    return Tools.binDir();
  }

  /**
   * The last {@code lines} lines of a daemon's log, for a failure message: {@code slurmctld},
   * {@code slurmd} (with the job steps' slurmstepd) or {@code munged}.
   */
  public String log(String daemon, int lines) {
    return running().daemons.logTail(daemon + ".log", lines);
  }

  /**
   * Runs {@code command} with {@code SLURM_CONF} set and {@link #binDir()} first on PATH (so what it
   * runs by name reaches this cluster too), and waits at most {@link Await#LIMIT} for it to end.
   * A Slurm client named without a path is the real one.
   */
  public CommandResult run(String... command) {
    return running().run(List.of(command));
  }

  /** The jobs and job steps the cluster knows now (pending, running or completing). */
  public Queue squeue() {
    return running().queue();
  }

  /** Waits until {@link #squeue()} is empty; fails after {@link Await#LIMIT} with what is left. */
  public void awaitEmptyQueue() throws InterruptedException {
    running().awaitEmptyQueue(Await.LIMIT);
  }

  /**
   * Waits until the queue is empty, then fails if a worker process is still running in a job
   * step: Slurm workers are not the test JVM's descendants ({@code slurmstepd} is handed to init),
   * so the tests' usual leftover check cannot see them.
   */
  public void awaitNoWorkerLeft() throws InterruptedException {
    awaitEmptyQueue();
    List<Long> left = remotePids("rpc-parallel-worker");
    if (!left.isEmpty()) {
      throw new AssertionError("worker processes left in Slurm job steps: " + left);
    }
  }

  /** Cancels every job of the cluster (the tests' user owns them all). */
  public void cancelAll() {
    running().cancelAll();
  }

  /**
   * The pids of the live processes that job steps of this cluster run (under a slurmstepd, which
   * Slurm hands to init), whose command line ({@link Procs#commandLine}) matches {@code regex}
   * somewhere. The slurmstepd processes themselves are not among them.
   */
  public List<Long> remotePids(String regex) {
    Pattern p = Pattern.compile(regex);
    Cluster c = running();
    return FixtureDaemons.adoptedOrphans().stream()
        .filter(c::isStepDaemon)
        .flatMap(ProcessHandle::descendants)
        .filter(h -> Procs.isRunning(h.pid()))
        .filter(h -> p.matcher(Procs.commandLine(h.pid())).find())
        .map(ProcessHandle::pid)
        .distinct()
        .collect(Collectors.toList());
  }

  /**
   * What {@code squeue} lists.
   *
   * @param jobs one line a job: {@code <id> <state> <name>}
   * @param steps one line a step: {@code <jobid>.<stepid> <name>}
   */
  public record Queue(List<String> jobs, List<String> steps) {
    public Queue {
      jobs = List.copyOf(jobs);
      steps = List.copyOf(steps);
    }

    /** Whether there is no job and no step. */
    public boolean isEmpty() {
      return jobs.isEmpty() && steps.isEmpty();
    }
  }

  /** A running cluster and what it needs. */
  static final class Cluster implements AutoCloseable {
    private final DaemonSet daemons;
    private final Map<String, Path> tools;
    private final Path conf;
    private final String node;
    private final Path stepLog;

    private Cluster(DaemonSet daemons, Map<String, Path> tools, String node) {
      this.daemons = daemons;
      this.tools = tools;
      this.conf = daemons.dir().resolve("slurm.conf");
      this.node = node;
      this.stepLog = daemons.dir().resolve("slurmd.log");
    }

    static Cluster start(Map<String, Path> tools) throws Exception {
      long t0 = System.nanoTime();
      String node = Commands.run(List.of("hostname", "-s"), Map.of(), Await.LIMIT).requireOk().stdout().trim();
      // munged refuses a socket in a directory that others cannot enter
      DaemonSet daemons = new DaemonSet("slurm", "rpc-it-slurm-", true, MARKER);
      try {
        Cluster c = new Cluster(daemons, tools, node);
        c.startDaemons();
        System.out.printf("remote fixture: Slurm cluster (node %s, %d CPUs) ready in %d ms%n", node, CPUS,
            (System.nanoTime() - t0) / 1_000_000);
        return c;
      } catch (Exception | AssertionError e) {
        daemons.close();
        throw e;
      }
    }

    private void startDaemons() throws Exception {
      Path dir = daemons.dir();
      long deadline = System.nanoTime() + START_LIMIT.toNanos();
      Path key = dir.resolve("munge.key");
      Path socket = dir.resolve("munge.socket");
      Commands.run(List.of(tools.get("mungekey").toString(), "--create", "--force", "--keyfile", key.toString()),
          Map.of(), Await.LIMIT).requireOk();
      // in the foreground munged logs to stderr only
      Process munged = daemons.start("munged.log", List.of(tools.get("munged").toString(), "--foreground",
          "--key-file=" + key, "--socket=" + socket, "--pid-file=" + dir.resolve("munged.pid"),
          "--seed-file=" + dir.resolve("munged.seed")), Map.of());
      while (!Files.exists(socket)) {
        check(munged, "munged", deadline);
        Thread.sleep(20);
      }
      Files.createDirectories(dir.resolve("state"));
      Files.createDirectories(dir.resolve("spool"));

      // A port may be taken between choosing and binding it: then slurmctld or slurmd exits, and we choose again.
      for (int attempt = 1; ; attempt++) {
        int[] ports = DaemonSet.freePorts(2);
        writeConf(ports[0], ports[1]);
        Map<String, String> env = Map.of("SLURM_CONF", conf.toString());
        Process ctld = daemons.start("slurmctld.out", List.of(tools.get("slurmctld").toString(), "-D", "-f", conf.toString()), env);
        Process slurmd = daemons.start("slurmd.out", List.of(tools.get("slurmd").toString(), "-D", "-f", conf.toString()), env);
        String why = awaitIdle(ctld, slurmd, deadline);
        if (why == null) {
          daemons.addHelpersOf(ctld);
          daemons.addHelpersOf(slurmd);
          break;
        }
        daemons.stop(slurmd);
        daemons.stop(ctld);
        if (attempt == 3 || !why.contains("Address already in use")) {
          throw new IllegalStateException(why);
        }
      }
      daemons.beforeStop(this::cancelAll);
      for (String client : CLIENTS) {
        // jobs inherit the marker, so that their tasks are known as this cluster's even without their slurmstepd
        daemons.writeWrapper(client, "export SLURM_CONF=" + DaemonSet.sh(conf.toString()) + " "
            + DaemonSet.sh(daemons.marker()) + "\nexec " + DaemonSet.sh(tools.get(client).toString()) + " \"$@\"");
      }
      daemons.adopt(p -> isStepDaemon(p) || Procs.hasEnvironmentEntry(p.pid(), daemons.marker()));
    }

    private void writeConf(int ctldPort, int slurmdPort) throws IOException {
      Path dir = daemons.dir();
      String user = System.getProperty("user.name");
      Files.writeString(conf, String.join("\n",
          "# Slurm for one test run: one node, this machine; everything under " + dir,
          "ClusterName=rpcit",
          "SlurmctldHost=" + node + "(127.0.0.1)",
          "SlurmUser=" + user,
          "SlurmdUser=" + user,
          "SlurmctldPort=" + ctldPort,
          "SlurmdPort=" + slurmdPort,
          "AuthType=auth/munge",
          "CredType=cred/munge",
          "AuthInfo=socket=" + dir.resolve("munge.socket"),
          "ProctrackType=proctrack/linuxproc",
          "TaskPlugin=task/none",
          "JobAcctGatherType=jobacct_gather/none",
          "AccountingStorageType=accounting_storage/none",
          "SelectType=select/cons_tres",
          "SelectTypeParameters=CR_CPU",
          "SchedulerType=sched/builtin",
          "MpiDefault=none",
          "MailProg=/bin/true",
          "ReturnToService=2",
          // a cancelled task gets SIGKILL this long after SIGTERM (the default is 30 s)
          "KillWait=5",
          "StateSaveLocation=" + dir.resolve("state"),
          "SlurmdSpoolDir=" + dir.resolve("spool"),
          "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
          "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
          "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
          "SlurmdLogFile=" + stepLog,
          // the node claims CPUS CPUs whatever the machine has; the partition lets JOBS_PER_CPU jobs share each
          "SlurmdParameters=config_overrides",
          "NodeName=" + node + " NodeAddr=127.0.0.1 CPUs=" + CPUS + " RealMemory=2000 State=UNKNOWN",
          "PartitionName=" + PARTITION + " Nodes=" + node + " Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:"
              + JOBS_PER_CPU,
          ""), StandardCharsets.UTF_8);
    }

    /** Waits until the node is idle; null then, or why it is not. */
    private String awaitIdle(Process ctld, Process slurmd, long deadline) throws InterruptedException {
      CommandResult last = null;
      while (System.nanoTime() < deadline) {
        if (!ctld.isAlive() || !slurmd.isAlive()) {
          return (ctld.isAlive() ? "" : "slurmctld exited with " + ctld.exitValue() + "\n")
              + (slurmd.isAlive() ? "" : "slurmd exited with " + slurmd.exitValue() + "\n") + logs();
        }
        last = run(List.of("sinfo", "-h", "-o", "%T"));
        if (last.ok() && last.stdout().trim().equals("idle")) {
          return null;
        }
        Thread.sleep(50);
      }
      return "the node was not idle within " + START_LIMIT + (last == null ? "" : ": " + last.describe()) + "\n" + logs();
    }

    private void check(Process p, String name, long deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(name + " exited with " + p.exitValue() + " at start:\n" + logs());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " was not ready within " + START_LIMIT + ":\n" + logs());
      }
    }

    /** The ends of the daemons' logs and outputs (a daemon that fails before it opens its log says why on stderr). */
    String logs() {
      StringBuilder b = new StringBuilder();
      for (String file : List.of("munged.log", "slurmctld.out", "slurmctld.log", "slurmd.out", "slurmd.log")) {
        if (Files.exists(daemons.dir().resolve(file))) {
          b.append("--- ").append(file).append(":\n").append(daemons.logTail(file, 15)).append('\n');
        }
      }
      return b.toString();
    }

    CommandResult run(List<String> command) {
      List<String> cmd = new ArrayList<>(command);
      Path real = tools.get(cmd.get(0));
      if (real != null) {
        cmd.set(0, real.toString());
      }
      Map<String, String> env = new LinkedHashMap<>();
      env.put("SLURM_CONF", conf.toString());
      env.put(MARKER, daemons.dir().toString());  // as the wrappers do
      env.put("PATH", Tools.binDir() + java.io.File.pathSeparator + System.getenv("PATH"));
      return Commands.run(cmd, env, Await.LIMIT);
    }

    Queue queue() {
      CommandResult jobs = run(List.of("squeue", "-h", "-o", "%i %T %j")).requireOk();
      CommandResult steps = run(List.of("squeue", "-h", "-s", "-o", "%i %j")).requireOk();
      return new Queue(jobs.stdout().lines().toList(), steps.stdout().lines().toList());
    }

    void awaitEmptyQueue(Duration limit) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      Queue q;
      while (!(q = queue()).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Slurm's queue was not empty within " + limit + ": " + q);
        }
        Thread.sleep(50);
      }
    }

    void cancelAll() {
      run(List.of("scancel", "--user=" + System.getProperty("user.name"))).requireOk();
      try {
        awaitEmptyQueue(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * Whether {@code p} is a slurmstepd of this cluster: it names itself {@code slurmstepd: [<step>]}
     * (Debian installs the binary as slurmstepd-wlm) and writes to this cluster's slurmd log.
     */
    boolean isStepDaemon(ProcessHandle p) {
      return Procs.commandLine(p.pid()).startsWith("slurmstepd:") && Procs.hasFileOpenUnder(p.pid(), stepLog);
    }

    @Override
    public void close() {
      daemons.close();
    }
  }
}
