package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.HowToRun;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.it.edge.EdgeWorkerClient;
import io.rpcparallel.it.edge.EdgeWorkerImpl;
import io.rpcparallel.it.edge.EdgeWorkerRpc;
import io.rpcparallel.it.edge.OversizeProgram;
import io.rpcparallel.it.edge.Shape;
import io.rpcparallel.it.remote.SlurmFixture;
import io.rpcparallel.it.remote.SshFixture;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;

/**
 * The chaos and hostile-input probes of RELIABILITY.md, against real worker processes: masters
 * and workers killed with SIGKILL, strangers and idle connections at a worker's port, oversize
 * values on every path, a flood of asynchronous calls, and the run's secret looked for where it
 * must never be. Not part of the build: {@code reliability/run} runs it with
 * {@code -Dreliability.mode=short|full} and {@code -Dreliability.out=<file>}, and turns the rows
 * it writes into RELIABILITY.md. The test fails if any goal is not met (after writing its rows).
 */
@ExtendWith(NoLeftoverWorkers.class)
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.MINUTES) // the full form; each probe bounds its own waits
class ReliabilityProbes {
  private static final boolean SHORT = "short".equals(System.getProperty("reliability.mode", "short"));
  /** How long a probe waits for an outcome before it counts it as a hang. */
  private static final Duration HANG = Duration.ofSeconds(30);
  /** The handshake timeout of this run: strangers who stay silent are dropped after it. */
  private static final Duration HANDSHAKE = Duration.ofSeconds(5);

  /** One row of the report. */
  private record Row(String probe, String tried, String lost, String measured, String goal, boolean met,
      String cause) {}

  private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
  /** Rows of probes that could not run here (their fixture's programs are missing), as markdown. */
  private final List<String> notRun = new ArrayList<>();

  /** The real sshd and Slurm cluster of the remote ITs, started by the probes that need them. */
  private static final SshFixture SSH = new SshFixture();
  private static final SlurmFixture SLURM = new SlurmFixture();
  /** This test's context, with which a probe starts a fixture when it needs it. */
  private ExtensionContext context;
  @RegisterExtension
  final BeforeEachCallback keepContext = c -> context = c;

  private static int count(int full, int quick) {
    return SHORT ? quick : full;
  }

  private interface Probe {
    void run() throws Exception;
  }

  /** Runs one probe; one that throws becomes a row that says so, and the others still run. */
  private void probe(String name, String goal, Probe p) {
    String only = System.getProperty("reliability.only", "");
    if (!only.isEmpty() && !name.contains(only)) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      p.run();
    } catch (Throwable t) {
      rows.add(new Row(name, "-", "-", "-", goal, false, "the probe itself failed: " + t));
    }
    System.err.printf(Locale.ROOT, "[reliability] %s: %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
  }

  @Test
  void probes() throws Exception {
    RpcParallel.setSettings(RpcSettings.builder().handshakeTimeout(HANDSHAKE));
    probe("master SIGKILLed with 3 workers (one per shutdown mode)", "0 orphans, all gone <= 1 s",
        this::masterKilled);
    probe("worker SIGKILLed", "every caller gets WorkerDiedException, 0 hangs", this::workerKilled);
    probe("remote worker SIGKILLed (ssh, Slurm)", "every caller gets WorkerDiedException, 0 hangs",
        this::remoteWorkerKilled);
    probe("master SIGKILLed with remote workers (ssh, Slurm)", "0 orphans, every worker gone <= 1 s",
        this::remoteMasterKilled);
    probe("hostile connections", "all refused, no call ran, fds and threads back to baseline", this::hostile);
    probe("oversize values", "all clear errors, worker alive", this::oversize);
    probe("async calls on one connection", "all correct, worker threads bounded", this::asyncFlood);
    probe("secrets", "never in argv, env or files", this::secrets);

    Path out = Path.of(System.getProperty("reliability.out", "target/reliability-rows.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    StringBuilder md = new StringBuilder();
    md.append("| probe | tried | lost | measured | goal | met |\n|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      md.append("| ").append(r.probe()).append(" | ").append(r.tried()).append(" | ").append(r.lost()).append(" | ")
          .append(r.measured()).append(" | ").append(r.goal()).append(" | ")
          .append(r.met() ? "met" : "**not met**: " + r.cause()).append(" |\n");
    }
    notRun.forEach(md::append);
    Files.writeString(out, md.toString());
    System.err.print(md);
    for (Row r : rows) {
      assertTrue(r.met(), r.probe() + ": goal " + r.goal() + " not met: " + r.cause());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Masters killed

  private void masterKilled() throws Exception {
    int rounds = count(50, 4);
    // One round first, not counted: its first worker writes the class-data archive as it exits
    // (about a second), once per class path; every later one maps it.
    masterRound();
    List<Double> goneMillis = new ArrayList<>();
    int orphans = 0;
    int explicitOutlived = 0;
    for (int r = 0; r < rounds; r++) {
      Map<ShutdownOn, Long> pids = new EnumMap<>(ShutdownOn.class);
      long t0;
      try (JavaProcess master = JavaProcess.start(MasterProgram.class)) {
        for (int i = 0; i < ShutdownOn.values().length; i++) {
          String[] f = master.readUntil("WORKER ").split(" ");
          pids.put(ShutdownOn.valueOf(f[1]), Long.parseLong(f[2]));
        }
        master.readUntil("READY");
        t0 = System.nanoTime();
        master.kill();
      }
      for (ShutdownOn mode : List.of(ShutdownOn.CONNECTION_CLOSED, ShutdownOn.HEARTBEAT_TIMEOUT)) {
        long pid = pids.get(mode);
        if (Procs.awaitGone(pid, Duration.ofSeconds(10))) {
          goneMillis.add((System.nanoTime() - t0) / 1e6);
        } else {
          orphans++;
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      long explicit = pids.get(ShutdownOn.EXPLICIT);
      if (Procs.isRunning(explicit)) {
        explicitOutlived++;
      }
      ProcessHandle.of(explicit).ifPresent(ProcessHandle::destroyForcibly);
      Procs.awaitGone(explicit, Duration.ofSeconds(10));
    }
    double max = goneMillis.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
    int late = (int) goneMillis.stream().filter(d -> d > 1000).count();
    rows.add(new Row("master SIGKILLed with 3 workers (one per shutdown mode)",
        rounds + " masters (after one not counted, whose first worker writes the class-data archive), "
            + 2 * rounds + " workers that must follow",
        orphans + " orphans, " + late + " gone after 1 s",
        String.format(Locale.ROOT, "gone after median %.0f ms, max %.0f ms; %d/%d `EXPLICIT` workers outlived their"
            + " master, as documented", median(goneMillis), max, explicitOutlived, rounds),
        "0 orphans, all gone <= 1 s", orphans == 0 && late == 0,
        orphans + " orphans, " + late + " late (max " + max + " ms)"));
  }

  private static void masterRound() throws Exception {
    List<Long> pids = new ArrayList<>();
    try (JavaProcess master = JavaProcess.start(MasterProgram.class)) {
      for (int i = 0; i < ShutdownOn.values().length; i++) {
        pids.add(Long.parseLong(master.readUntil("WORKER ").split(" ")[2]));
      }
      master.readUntil("READY");
      master.kill();
    }
    for (long pid : pids) {
      if (!Procs.awaitGone(pid, Duration.ofSeconds(10))) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Procs.awaitGone(pid, Duration.ofSeconds(10));
      }
    }
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  // ---------------------------------------------------------------------------------------------
  // Workers killed

  private enum Kill { CALLS, PIPE, REVERSE_PIPE }

  private void workerKilled() throws Exception {
    workerKilled("", null, count(20, 3), "", () -> "");
  }

  /**
   * Kills workers started with {@code how} (local ones if null) {@code rounds} times in each
   * {@link Kill} way; {@code where} starts each row's name. {@code left} says what is left running
   * after a way's rounds ("" for nothing: {@code checked} says what was looked for), which fails the row.
   */
  private void workerKilled(String where, HowToRun how, int rounds, String checked, Callable<String> left)
      throws Exception {
    for (Kill kind : Kill.values()) {
      int callers = 0;
      int died = 0;
      int hangs = 0;
      List<String> other = new ArrayList<>();
      double maxMillis = 0;
      for (int r = 0; r < rounds; r++) {
        SpawnOptions options = SpawnOptions.named("killed-" + kind.name().toLowerCase(Locale.ROOT));
        try (EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class,
            how == null ? options : options.withHowToRun(how))) {
          long pid = w.pid();
          List<CompletableFuture<Long>> failures = switch (kind) {
            case CALLS -> inFlight(w, 50);
            case PIPE -> midPipe(w);
            case REVERSE_PIPE -> midReversePipe(w);
          };
          long t0 = System.nanoTime();
          ProcessHandle.of(pid).orElseThrow().destroyForcibly();
          for (CompletableFuture<Long> f : failures) {
            callers++;
            try {
              long at = f.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
              died++;
              maxMillis = Math.max(maxMillis, (at - t0) / 1e6);
            } catch (java.util.concurrent.TimeoutException e) {
              hangs++;
            } catch (ExecutionException e) {
              other.add(String.valueOf(e.getCause()));
            }
          }
          Procs.awaitGone(pid, Duration.ofSeconds(10));
        }
      }
      String what = where + switch (kind) {
        case CALLS -> "worker SIGKILLed with 50 calls in flight";
        case PIPE -> "worker SIGKILLed mid-pipe (stream from the worker)";
        case REVERSE_PIPE -> "worker SIGKILLed mid-reverse-pipe (stream to the worker)";
      };
      String leftover = left.call();
      boolean met = died == callers && hangs == 0 && leftover.isEmpty();
      rows.add(new Row(what, rounds + " kills, " + callers + " callers",
          hangs + " hangs, " + other.size() + " other outcomes" + (leftover.isEmpty() ? "" : "; left: " + leftover),
          String.format(Locale.ROOT, "%d/%d got `WorkerDiedException`, at most %.0f ms after the kill", died, callers,
              maxMillis) + (checked.isEmpty() ? "" : "; afterwards nothing left running (" + checked + ")"),
          "every caller gets WorkerDiedException, 0 hangs", met,
          hangs + " hangs; other outcomes: " + other.stream().distinct().limit(3).toList()
              + (leftover.isEmpty() ? "" : "; left running: " + leftover)));
    }
  }

  /** Completes with the time (nanoTime) {@code f} failed with WorkerDiedException, or fails with what else it did. */
  private static CompletableFuture<Long> whenDied(CompletableFuture<?> f) {
    CompletableFuture<Long> at = new CompletableFuture<>();
    f.whenComplete((v, e) -> died(at, e == null ? new IllegalStateException("completed: " + v) : e));
    return at;
  }

  private static void died(CompletableFuture<Long> at, Throwable e) {
    long now = System.nanoTime();
    Throwable c = e;
    while ((c instanceof ExecutionException || c instanceof java.util.concurrent.CompletionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof WorkerDiedException) {
      at.complete(now);
    } else {
      at.completeExceptionally(c);
    }
  }

  private static List<CompletableFuture<Long>> inFlight(EdgeWorkerClient w, int n) {
    List<CompletableFuture<Long>> result = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      result.add(whenDied(w.async().await("never")));
    }
    w.echo("after the others"); // answered after the calls before it were taken: they are all running
    return result;
  }

  private static List<CompletableFuture<Long>> midPipe(EdgeWorkerClient w) throws Exception {
    CompletableFuture<Long> at = new CompletableFuture<>();
    CountDownLatch flowing = new CountDownLatch(1);
    w.bytes(Shape.OWN_THREAD, Integer.MAX_VALUE, 1024).subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override public void onNext(byte[] item) {
        flowing.countDown();
      }

      @Override public void onError(Throwable t) {
        died(at, t);
      }

      @Override public void onComplete() {
        at.completeExceptionally(new IllegalStateException("the stream completed"));
      }
    });
    if (!flowing.await(HANG.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the pipe did not start");
    }
    return List.of(at);
  }

  private static List<CompletableFuture<Long>> midReversePipe(EdgeWorkerClient w) throws Exception {
    CountDownLatch read = new CountDownLatch(1);
    AtomicLong sent = new AtomicLong();
    Flow.Publisher<byte[]> endless = s -> s.onSubscribe(new Flow.Subscription() {
      @Override public void request(long n) {
        // Past the first window the worker has granted more: it is reading.
        if (sent.addAndGet(n) > 64) {
          read.countDown();
        }
        for (long i = 0; i < n; i++) {
          s.onNext(new byte[1024]);
        }
      }

      @Override public void cancel() {}
    });
    CompletableFuture<Long> at = whenDied(w.async().consume(endless));
    if (!read.await(HANG.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the reverse pipe did not start");
    }
    return List.of(at);
  }

  // ---------------------------------------------------------------------------------------------
  // Workers on other hosts: over ssh (the tests' sshd on 127.0.0.2) and as Slurm job steps (the
  // tests' one-node cluster). Both "hosts" are this machine, so a worker's JVM is killed by its pid.

  private static final String SSH_HOST = SshFixture.OTHER_HOST;

  /**
   * Starts {@code fixture} (once per JVM); false, with a row that says so, if its programs are
   * missing on this machine. With {@code CI=true} a missing program throws instead: the probe fails.
   */
  private boolean started(BeforeEachCallback fixture, String probe, String goal)
      throws Exception {
    try {
      fixture.beforeEach(context);
      return true;
    } catch (TestAbortedException e) {
      notRun.add("| " + probe + " | not run | - | " + e.getMessage() + " | " + goal + " | **not run** (CI=true fails"
          + " instead) |\n");
      return false;
    }
  }

  private static HowToRun sshHost() {
    return HowToRun.ssh(SSH_HOST).withArtifactsDir(SSH.dir().resolve("artifacts").toString());
  }

  private void remoteWorkerKilled() throws Exception {
    int rounds = count(10, 2);
    String goal = "every caller gets WorkerDiedException, 0 hangs";
    if (started(SSH, "ssh worker SIGKILLed", goal)) {
      workerKilled("ssh ", sshHost(), rounds, "worker JVMs, ssh clients", () -> leftRunning(false));
    }
    if (started(SLURM, "Slurm worker SIGKILLed", goal)) {
      workerKilled("Slurm ", HowToRun.slurm(), rounds, "worker JVMs, srun, Slurm's queue", () -> leftRunning(true));
    }
  }

  /**
   * What remote workers left running once they should all be gone: this JVM's descendants (the ssh
   * clients, srun), the processes the fixtures' sessions and job steps started, and (for Slurm) its
   * queue; "" for nothing. Waits up to 10 s for them to go, then kills and cancels what is left.
   */
  private static String leftRunning(boolean slurm) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<String> left;
    do {
      left = new ArrayList<>();
      for (ProcessHandle p : Procs.liveDescendants()) {
        left.add(p.pid() + " " + Procs.commandLine(p.pid()).replaceAll(" -cp \\S+", " -cp …"));
      }
      if (slurm && !SLURM.squeue().isEmpty()) {
        left.add("Slurm's queue: " + SLURM.squeue());
      }
      if (left.isEmpty()) {
        return "";
      }
      Procs.pause(Duration.ofMillis(50));
    } while (System.nanoTime() < deadline);
    Procs.liveDescendants().forEach(ProcessHandle::destroyForcibly);
    if (slurm) {
      SLURM.cancelAll();
    }
    return String.join("; ", left.stream().map(l -> l.length() > 160 ? l.substring(0, 160) + "…" : l).toList());
  }

  /**
   * Masters with 2 ssh and 2 Slurm workers ({@link RemoteMasterProgram}) SIGKILLed: the time from the
   * kill to each worker's exit, to the exit of the launchers the master started (ssh, srun), and to
   * Slurm's queue being empty.
   */
  private void remoteMasterKilled() throws Exception {
    String name = "master SIGKILLed with 2 ssh and 2 Slurm workers";
    String goal = "0 orphans, every worker gone <= 1 s; launchers and job steps gone";
    if (!started(SSH, name, goal) || !started(SLURM, name, goal)) {
      return;
    }
    int rounds = count(10, 2);
    remoteMasterRound(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()); // not counted
    List<Double> ssh = new ArrayList<>();
    List<Double> slurm = new ArrayList<>();
    List<Double> launchers = new ArrayList<>();
    List<Double> queue = new ArrayList<>();
    int orphans = 0;
    for (int r = 0; r < rounds; r++) {
      orphans += remoteMasterRound(ssh, slurm, launchers, queue);
    }
    String leftover = leftRunning(true);
    List<Double> workers = new ArrayList<>(ssh);
    workers.addAll(slurm);
    int late = (int) workers.stream().filter(d -> d > 1000).count();
    double max = workers.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
    boolean met = orphans == 0 && late == 0 && workers.size() == 4 * rounds && queue.size() == rounds
        && leftover.isEmpty();
    rows.add(new Row(name, rounds + " masters (after one not counted, which stages the class path"
        + (SHORT ? "" : "; not 50 as for local workers: each round spawns 4 remote workers one after another, about 10 s")
        + "), " + 4 * rounds
        + " remote workers that must follow, " + launchers.size() + " launchers (ssh, srun)",
        orphans + " orphans, " + late + " workers gone after 1 s" + (leftover.isEmpty() ? "" : "; left: " + leftover),
        String.format(Locale.ROOT, "ssh workers gone after median %.0f ms, max %.0f ms; Slurm workers (job steps' JVMs)"
            + " median %.0f ms, max %.0f ms; launchers gone, max %.0f ms; Slurm's queue empty after median %.0f ms,"
            + " max %.0f ms", median(ssh), max(ssh), median(slurm), max(slurm), max(launchers), median(queue),
            max(queue)),
        goal, met, orphans + " orphans, " + late + " late (max " + max + " ms), queue emptied " + queue.size() + "/"
            + rounds + (leftover.isEmpty() ? "" : ", left running: " + leftover)));
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
  }

  /**
   * One master killed; adds the times (ms from the kill) each worker, launcher and the queue took to
   * go; returns how many processes outlived it by 10 s (killed then).
   */
  private static int remoteMasterRound(List<Double> ssh, List<Double> slurm, List<Double> launchers,
      List<Double> queue) throws Exception {
    Map<Long, List<Double>> watched = new java.util.LinkedHashMap<>();
    long t0;
    try (JavaProcess master = JavaProcess.start(RemoteMasterProgram.class, SSH_HOST,
        SSH.dir().resolve("artifacts").toString())) {
      for (int i = 0; i < 4; i++) {
        watched.put(Long.parseLong(master.readUntil("WORKER ").split(" ")[1]), i < 2 ? ssh : slurm);
      }
      master.readUntil("READY");
      // The ssh clients and srun processes the master started, and what they started here.
      ProcessHandle.of(master.pid()).orElseThrow().descendants()
          .forEach(p -> watched.putIfAbsent(p.pid(), launchers));
      t0 = System.nanoTime();
      master.kill();
    }
    int orphans = 0;
    long deadline = t0 + Duration.ofSeconds(10).toNanos();
    Map<Long, List<Double>> running = new java.util.LinkedHashMap<>(watched);
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      for (var it = running.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!Procs.isRunning(e.getKey())) {
          e.getValue().add((System.nanoTime() - t0) / 1e6);
          it.remove();
        }
      }
      Procs.pause(Duration.ofMillis(20));
    }
    for (long pid : running.keySet()) {
      orphans++;
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    long queueDeadline = t0 + HANG.toNanos();
    while (System.nanoTime() < queueDeadline) {
      if (SLURM.squeue().isEmpty()) {
        queue.add((System.nanoTime() - t0) / 1e6);
        break;
      }
      Procs.pause(Duration.ofMillis(50));
    }
    return orphans;
  }

  // ---------------------------------------------------------------------------------------------
  // Strangers and idle connections

  private static long fds(long pid) throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return s.count();
    }
  }

  /**
   * The threads of {@code pid} other than those of its two thread pools (calls, callbacks), which
   * grow on demand, are bounded, and retire a thread after 60 s idle, and the GC and compiler
   * threads the JVM starts on demand: what is left must not grow.
   */
  private static long threads(long pid) throws IOException {
    return threadNames(pid).size();
  }

  /** The names (first 15 characters) of the threads {@link #threads} counts. */
  private static List<String> threadNames(long pid) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : tasks.toList()) {
        try {
          String name = Files.readString(t.resolve("comm")).strip();
          // The JVM starts GC and compiler threads on demand too: they are not the runtime's.
          if (!name.startsWith("rpc-parallel-ca") && !name.startsWith("rpc-parallel-ex")
              && !name.startsWith("GC Thread") && !name.startsWith("G1 ") && !name.startsWith("C1 Compi")
              && !name.startsWith("C2 Compi")) {
            names.add(name);
          }
        } catch (IOException e) {
          // ended meanwhile
        }
      }
    }
    Collections.sort(names);
    return names;
  }

  /** The threads in {@code after} and not in {@code before}, for a row that says which. */
  private static String newThreads(List<String> before, List<String> after) {
    List<String> extra = new ArrayList<>(after);
    before.forEach(extra::remove);
    return extra.isEmpty() ? "" : " (new: " + String.join(", ", extra) + ")";
  }

  /** Waits until the worker is back at (or below) its baseline of fds and threads; returns {fds, threads}. */
  private static long[] awaitBaseline(long pid, long fds, long threads) throws Exception {
    long deadline = System.nanoTime() + HANG.toNanos();
    long[] now;
    do {
      now = new long[] {fds(pid), threads(pid)};
      if (now[0] <= fds && now[1] <= threads) {
        return now;
      }
      Procs.pause(Duration.ofMillis(50));
    } while (System.nanoTime() < deadline);
    return now;
  }

  /** A call of {@code add(delta)}, framed. */
  private static byte[] addCall(long delta) throws IOException {
    return StrangerIT.frame(10, StrangerIT.callAddBody(delta));
  }

  /** A handshake reply with a forged proof, then a call. */
  private static byte[] forgedProof() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(StrangerIT.forgedHelloReply());
    all.write(addCall(1000));
    return all.toByteArray();
  }

  /** How a stranger's connection ended. */
  private enum Ending { CLOSED, ANSWERED, KEPT_OPEN }

  /** Sends {@code bytes} after the greeting (or before it, if {@code early}) and waits for the close. */
  private static Ending visit(Worker<?> worker, byte[] bytes, boolean early) throws IOException {
    try (Socket s = new Socket(worker.host(), worker.port())) {
      s.setSoTimeout((int) HANG.toMillis());
      InputStream in = s.getInputStream();
      if (early) {
        s.getOutputStream().write(bytes);
      }
      DataInputStream din = new DataInputStream(in);
      int length;
      try {
        length = din.readInt();
        din.readFully(new byte[length]);
      } catch (IOException e) {
        return Ending.CLOSED; // closed before or during the greeting
      }
      if (!early) {
        try {
          s.getOutputStream().write(bytes);
          s.getOutputStream().flush();
        } catch (IOException e) {
          return Ending.CLOSED;
        }
      }
      try {
        return in.read() < 0 ? Ending.CLOSED : Ending.ANSWERED;
      } catch (SocketTimeoutException e) {
        return Ending.KEPT_OPEN;
      } catch (IOException e) {
        return Ending.CLOSED; // reset
      }
    }
  }

  private void hostile() throws Exception {
    int n = count(10_000, 1_200);
    Worker<TestWorker> worker = TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("hostile").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    try (TestWorkerClient client = TestWorkerRpc.connect(worker)) {
      long pid = client.pid();
      // A genuine session through a recording proxy: its bytes are replayed below.
      byte[] replay;
      try (TcpProxy proxy = new TcpProxy(worker.port())) {
        Worker<TestWorker> viaProxy = new Worker<>(worker.interfaceName(), worker.fingerprint(), worker.host(),
            proxy.port(), worker.id(), worker.name());
        try (TestWorkerClient recorded = TestWorkerRpc.connect(viaProxy)) {
          recorded.add(1);
        }
        replay = proxy.sent();
      }
      byte[] garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 2, 0, 0, 0};
      byte[] negative = {(byte) 0xff, (byte) 0xff, (byte) 0xfe, 0, 2, 0, 0, 0};
      byte[] forged = forgedProof();
      byte[] callFirst = addCall(1000);
      List<byte[]> kinds = List.of(garbage, huge, negative, replay, forged, callFirst);
      String[] names = {"garbage", "huge length", "negative length", "replayed session", "forged proof",
          "call before handshake", "silence"};
      // Warm up the worker's event loops, then take its baseline.
      for (int i = 0; i < 32; i++) {
        visit(worker, garbage, false);
      }
      long total = client.add(0);
      long[] base = awaitBaseline(pid, Long.MAX_VALUE, Long.MAX_VALUE);
      List<String> baseThreads = threadNames(pid);

      int[] refused = new int[names.length];
      int[] tried = new int[names.length];
      AtomicInteger answered = new AtomicInteger();
      AtomicInteger keptOpen = new AtomicInteger();
      ConcurrentLinkedQueue<Socket> silentSockets = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "reliability-stranger");
        t.setDaemon(true);
        return t;
      });
      long t0 = System.nanoTime();
      try {
        List<Future<Integer>> visits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int kind = i % names.length;
          boolean early = (i / names.length) % 2 == 1 && kind < kinds.size();
          visits.add(pool.submit(() -> {
            if (kind == kinds.size()) {
              Socket s = new Socket(worker.host(), worker.port());
              s.setSoTimeout((int) (HANDSHAKE.toMillis() + HANG.toMillis()));
              silentSockets.add(s);
              return kind;
            }
            Ending e = visit(worker, kinds.get(kind), early);
            if (e == Ending.ANSWERED) {
              answered.incrementAndGet();
            } else if (e == Ending.KEPT_OPEN) {
              keptOpen.incrementAndGet();
            }
            return e == Ending.CLOSED ? kind : -1 - kind;
          }));
        }
        for (Future<Integer> v : visits) {
          int k = v.get();
          int kind = k >= 0 ? k : -1 - k;
          tried[kind]++;
          if (k >= 0 && kind < kinds.size()) {
            refused[kind]++;
          }
        }
        // The silent ones: the worker drops each at its handshake timeout.
        List<Future<Boolean>> drops = new ArrayList<>();
        for (Socket s : silentSockets) {
          drops.add(pool.submit(() -> {
            try (s) {
              InputStream in = s.getInputStream();
              DataInputStream din = new DataInputStream(in);
              din.readFully(new byte[din.readInt()]);
              return in.read() < 0;
            } catch (SocketTimeoutException e) {
              return false;
            } catch (IOException e) {
              return true;
            }
          }));
        }
        for (Future<Boolean> d : drops) {
          if (d.get()) {
            refused[kinds.size()]++;
          } else {
            keptOpen.incrementAndGet();
          }
        }
      } finally {
        pool.shutdownNow();
        silentSockets.forEach(s -> {
          try {
            s.close();
          } catch (IOException e) {
            // closed
          }
        });
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long after = client.add(0);
      boolean serving = client.add(1) == total + 1;
      long[] end = awaitBaseline(pid, base[0], base[1]);
      String extra = newThreads(baseThreads, threadNames(pid));
      int allRefused = java.util.Arrays.stream(refused).sum();
      StringBuilder perKind = new StringBuilder();
      for (int k = 0; k < names.length; k++) {
        perKind.append(k == 0 ? "" : ", ").append(names[k]).append(" ").append(refused[k]).append("/").append(tried[k]);
      }
      boolean met = allRefused == n && after == total && serving && end[0] <= base[0] && end[1] <= base[1];
      rows.add(new Row("hostile connections to a worker (" + String.join(", ", names) + ")",
          n + " connections, 4 at a time, in " + String.format(Locale.ROOT, "%.0f s", seconds),
          (n - allRefused) + " not refused (" + answered.get() + " answered, " + keptOpen.get() + " kept open); "
              + (after - total) + " calls ran",
          "refused: " + perKind + "; worker fds " + base[0] + " -> " + end[0] + ", threads (besides its call and"
              + " callback pools and the JVM's GC and compiler threads) " + base[1] + " -> " + end[1] + extra + "; real client served throughout",
          "all refused, no call ran, fds and threads back to baseline", met,
          "refused " + allRefused + "/" + n + ", calls ran " + (after - total) + ", fds " + base[0] + " -> " + end[0]
              + ", threads " + base[1] + " -> " + end[1] + extra));

      idle(worker, client, pid, base, baseThreads);
      client.control().shutdown();
      Procs.awaitGone(pid, Duration.ofSeconds(30));
    }
  }

  /** Unauthenticated connections a worker holds at once (the pre-authentication limit the README states). */
  private static final int PRE_AUTH_HELD = 64;

  private void idle(Worker<TestWorker> worker, TestWorkerClient client, long pid, long[] base,
      List<String> baseThreads) throws Exception {
    int n = count(2_000, 500);
    int calls = 1_000;
    long before = timeCalls(client, calls);
    List<Socket> idle = new ArrayList<>();
    long during;
    int droppedByWorker = 0;
    boolean correct;
    long peakFds;
    long heldFds;
    try {
      for (int i = 0; i < n; i++) {
        idle.add(new Socket(worker.host(), worker.port()));
      }
      peakFds = fds(pid);
      long total = client.add(0);
      during = timeCalls(client, calls);
      correct = client.add(0) == total;
      peakFds = Math.max(peakFds, fds(pid));
      // The worker closes every stranger beyond the limit as it accepts it: wait until it has.
      heldFds = awaitBaseline(pid, base[0] + PRE_AUTH_HELD, Long.MAX_VALUE)[0];
    } finally {
      for (Socket s : idle) {
        try {
          s.setSoTimeout(1);
          if (s.getInputStream().read() < 0) {
            droppedByWorker++;
          }
        } catch (IOException e) {
          // still open on the worker's side (timed out), or reset
        } finally {
          s.close();
        }
      }
    }
    long[] end = awaitBaseline(pid, base[0], base[1]);
    String extra = newThreads(baseThreads, threadNames(pid));
    long held = heldFds - base[0];
    boolean met = correct && held <= PRE_AUTH_HELD
        && droppedByWorker >= n - PRE_AUTH_HELD && end[0] <= base[0] && end[1] <= base[1];
    rows.add(new Row("idle connections to a worker (connected, silent)", n + " at once, " + calls
        + " calls on a real connection meanwhile", correct ? "none" : "calls returned wrong totals",
        String.format(Locale.ROOT, "%d calls took %d ms before, %d ms while the idle connections were open;"
            + " the worker held %d of them and closed %d at once (pre-authentication limit %d);"
            + " worker fds %d -> %d at the peak -> %d after, threads %d -> %d", calls, before, during, held,
            droppedByWorker, PRE_AUTH_HELD, base[0], peakFds, end[0], base[1], end[1]) + extra,
        "at most " + PRE_AUTH_HELD + " held (the pre-authentication limit), the rest closed; fds back to baseline;"
            + " calls unaffected", met,
        "held " + held + ", closed " + droppedByWorker + " of " + n + ", peak fds " + peakFds + ", fds " + base[0]
            + " -> " + end[0] + ", threads " + base[1] + " -> " + end[1] + extra + ", calls correct " + correct));
  }

  private static long timeCalls(TestWorkerClient client, int calls) {
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      client.add(0);
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  // ---------------------------------------------------------------------------------------------
  // Oversize values

  private void oversize() throws Exception {
    oversizeAt(65536, 200_000);
    if (!SHORT) {
      oversizeAt(RpcSettings.DEFAULTS.maxMessageSize(), RpcSettings.DEFAULTS.maxMessageSize() + 1000);
    }
  }

  private void oversizeAt(int limit, int big) throws Exception {
    List<String> lines;
    int exit;
    try (JavaProcess p = JavaProcess.startWithFlags(List.of("-Xmx2g"),
        Map.of("RPC_PARALLEL_RPC_SETTINGS", "max_message_size=" + limit), OversizeProgram.class,
        Integer.toString(big))) {
      p.readUntil("DONE");
      exit = p.awaitExit();
      lines = p.seen();
    }
    int cases = 0;
    int clear = 0;
    List<String> unclear = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("RESULT ")) {
        cases++;
        if (line.contains("MessageTooLargeException") || line.contains("[truncated: the message had")) {
          clear++;
        } else {
          unclear.add(line.substring(7, Math.min(line.length(), 120)));
        }
      }
    }
    long alive = lines.stream().filter("ALIVE true"::equals).count();
    boolean met = exit == 0 && cases > 0 && clear == cases && alive == cases;
    rows.add(new Row("oversize values at max_message_size " + limit + " B, values of " + big + " B",
        cases + " cases: an argument, errors (sync, async, multi-byte, far beyond the limit), a result, streams failed with an oversize"
            + " error by either end, items from a publisher of 3 shapes and direct writers in both directions,"
            + " a state call's initial state and update",
        (cases - clear) + " unclear, " + (cases - alive) + " times the worker stopped serving",
        clear + "/" + cases + " clear errors (`MessageTooLargeException`, or the error truncated and saying so);"
            + " the same worker answered after each",
        "all clear errors, worker alive", met, "exit " + exit + ", unclear: " + unclear));
  }

  // ---------------------------------------------------------------------------------------------
  // Many asynchronous calls

  private void asyncFlood() throws Exception {
    int n = count(100_000, 20_000);
    Map<String, String> figures = new java.util.HashMap<>();
    int exit;
    try (JavaProcess p = JavaProcess.start(AsyncFloodProgram.class, Integer.toString(n))) {
      p.readUntil("DONE");
      exit = p.awaitExit();
      for (String line : p.seen()) {
        String[] f = line.split(" ", 2);
        if (f.length == 2) {
          figures.put(f[0], f[1]);
        }
      }
    }
    int correct = Integer.parseInt(figures.getOrDefault("CORRECT", "0"));
    int before = Integer.parseInt(figures.getOrDefault("WORKER_THREADS_BEFORE", "-1"));
    int peak = Integer.parseInt(figures.getOrDefault("WORKER_THREADS_PEAK", "-1"));
    int bound = before + RpcSettings.DEFAULTS.maxCallsInFlight();
    boolean met = exit == 0 && correct == n && peak <= bound;
    rows.add(new Row("async calls on one connection (all sent at once)", n + " calls",
        (n - correct) + " wrong or missing",
        String.format(Locale.ROOT, "%d correct in %.1f s; peak RSS master %d MiB, worker %d MiB (both -Xmx256m);"
            + " worker threads %d before, %d at the peak", correct, Double.parseDouble(figures.getOrDefault("SECONDS",
            "0")), Long.parseLong(figures.getOrDefault("MASTER_PEAK_KIB", "0")) / 1024,
            Long.parseLong(figures.getOrDefault("WORKER_PEAK_KIB", "0")) / 1024, before, peak),
        "all correct; worker threads bounded (at most max_calls_in_flight = "
            + RpcSettings.DEFAULTS.maxCallsInFlight() + " more than before)", met,
        "exit " + exit + ", correct " + correct + "/" + n + ", threads " + before + " -> " + peak));
  }

  // ---------------------------------------------------------------------------------------------
  // Secrets

  private void secrets() throws Exception {
    long since = System.currentTimeMillis();
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("secret-keeper"))) {
      long worker = w.pid();
      byte[] secret = RunContext.secret();
      List<byte[]> forms = new ArrayList<>();
      forms.add(secret);
      for (String s : List.of(HexFormat.of().formatHex(secret), HexFormat.of().withUpperCase().formatHex(secret),
          Base64.getEncoder().encodeToString(secret), Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
          Base64.getEncoder().withoutPadding().encodeToString(secret))) {
        forms.add(s.getBytes(StandardCharsets.US_ASCII));
      }
      List<String> found = new ArrayList<>();
      int places = 0;
      for (long pid : new long[] {worker, ProcessHandle.current().pid()}) {
        for (String what : List.of("cmdline", "environ")) {
          places++;
          if (Bytes.containsAny(Files.readAllBytes(Path.of("/proc", Long.toString(pid), what)), forms)) {
            found.add(what + " of " + (pid == worker ? "the worker" : "the master"));
          }
        }
        // Every regular file either process has open.
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
          for (Path fd : fds.toList()) {
            Path target;
            try {
              target = Files.readSymbolicLink(fd);
            } catch (IOException e) {
              continue;
            }
            if (Files.isRegularFile(target) && Files.size(target) < (64 << 20)) {
              places++;
              if (Bytes.containsAny(Files.readAllBytes(target), forms)) {
                found.add(target.toString());
              }
            }
          }
        }
      }
      // Every file written since the probe began in the temp directory and the rpc-parallel cache.
      List<Path> roots = new ArrayList<>(List.of(Path.of(System.getProperty("java.io.tmpdir"))));
      String cache = System.getProperty("rpcparallel.cacheDir");
      roots.add(cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "rpc-parallel"));
      for (Path root : roots) {
        if (!Files.isDirectory(root)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(root, 4)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            try {
              if (Files.getLastModifiedTime(f).toMillis() >= since - 1000 && Files.size(f) < (64 << 20)) {
                places++;
                if (Bytes.containsAny(Files.readAllBytes(f), forms)) {
                  found.add(f.toString());
                }
              }
            } catch (IOException e) {
              // gone meanwhile, or not ours to read
            }
          }
        } catch (IOException | java.io.UncheckedIOException e) {
          // a directory we may not list
        }
      }
      rows.add(new Row("the run's secret (raw, hex, base64) looked for", places
              + " places: argv and environment of master and worker, every file either has open, files written"
              + " during the probe under the temp directory and the rpc-parallel cache",
          found.size() + " places held it", "found in " + (found.isEmpty() ? "none" : String.join(", ", found)),
          "never in argv, env or files", found.isEmpty(), "found in " + found));
    }
  }
}
