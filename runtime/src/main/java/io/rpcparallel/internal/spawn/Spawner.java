package io.rpcparallel.internal.spawn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rpcparallel.Foreground;
import io.rpcparallel.HowToRun;
import io.rpcparallel.Redirect;
import io.rpcparallel.RpcClient;
import io.rpcparallel.RpcStatus;
import io.rpcparallel.SpawnException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.WorkerStatus;
import io.rpcparallel.internal.Jfr;
import io.rpcparallel.internal.RpcEvents;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.gen.RpcConnection;
import io.rpcparallel.internal.gen.WorkerType;
import io.rpcparallel.internal.client.Connector;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import io.rpcparallel.internal.launch.WorkerConfig;
import io.rpcparallel.internal.transport.ClientConnection;
import io.rpcparallel.internal.transport.Security;
import io.rpcparallel.internal.transport.WorkerTls;
import io.rpcparallel.internal.worker.Implementations;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns workers: re-runs this program (same JVM flags and class path) with the worker command
 * args, on this machine or through a remote {@link Launcher}, sends the worker its configuration
 * on stdin, and returns once the worker has initialised and registered. A spawn that fails kills
 * the worker (and reaps the local process carrying it) and closes its pipes.
 */
public final class Spawner {
  private static final Logger log = LoggerFactory.getLogger(Spawner.class);
  private static final Spawner INSTANCE = new Spawner();
  private static final AtomicLong COUNTER = new AtomicLong();

  /** A worker this process spawned. */
  record Spawned(Worker<?> worker, Launcher.Launched launched, OutputPump.Pipe stderr, OutputPump.Pipe stdout,
      OutputStream stdin) {
    Process process() {
      return launched.process();
    }
  }

  /** The result of a spawn: the handle, and the process. */
  public record Result<X>(Worker<X> worker, Process process) {}

  private final Map<String, Spawned> workers = new ConcurrentHashMap<>();
  /** What status() shows of the workers this process spawned: from the start of the spawn to a minute after the exit. */
  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
  /** How long status() goes on showing a worker that exited. */
  private static final Duration KEPT_AFTER_EXIT = Duration.ofMinutes(1);
  /** How many exits {@link #death} still explains once status() has forgotten their workers. */
  static final int EXITS_KEPT = 256;
  /** The most characters of a worker's stderr an exit record keeps. */
  private static final int EXIT_TAIL_CHARS = 4_000;
  /** How long a worker that took no configuration is given to end, so that its status can be told. */
  private static final Duration CONFIG_EXIT_WAIT = Duration.ofSeconds(5);
  /**
   * How the last {@link #EXITS_KEPT} workers this process spawned ended, once {@link #workers}
   * has forgotten them: a handle kept longer than a minute still learns its worker's exit status.
   */
  private final Map<String, Exit> exits = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Exit> eldest) {
      return size() > EXITS_KEPT;
    }
  };

  /** How a worker this process spawned ended: what {@link #died} says of it. */
  private record Exit(String displayName, int status, String note, String stderrTail) {
    static Exit of(Spawned s, int maxTail) {
      String tail = s.stderr() == null ? "" : s.stderr().tail();
      if (tail.length() > maxTail) {
        tail = "..." + tail.substring(tail.length() - maxTail);
      }
      return new Exit(s.worker().displayName(), s.process().exitValue(), s.launched().deathNote(), tail);
    }

    WorkerDiedException exception() {
      return new WorkerDiedException("worker " + displayName + " died with exit status " + status + note
          + (stderrTail.isEmpty() ? "" : "; the end of its stderr:\n" + stderrTail), OptionalInt.of(status));
    }
  }
  /** Opens this process's connections: a worker it spawned that goes is explained by {@link #died}. */
  private final Connector connector = new Connector(RunContext::transport, this::died);

  private Spawner() {}

  public static Spawner get() {
    return INSTANCE;
  }

  /** Opens connections to running workers, explaining one this process spawned that goes. */
  public Connector connector() {
    return connector;
  }

  public <X, I> Result<X> spawn(WorkerType<X, I> type, Class<? extends X> impl, I init, SpawnOptions options) {
    return spawn(type, impl, init, options, false);
  }

  public <X, I> RpcConnection spawnAndConnect(WorkerType<X, I> type, Class<? extends X> impl, I init,
      SpawnOptions options) {
    return spawnAndConnect(type, impl, init, null, options);
  }

  /** Spawns, connects, and builds the connection's state from {@code connectArg} if the type has one. */
  public <X, I> RpcConnection spawnAndConnect(WorkerType<X, I> type, Class<? extends X> impl, I init,
      Object connectArg, SpawnOptions options) {
    Result<X> r = spawn(type, impl, init, options, false);
    return connectOrKill(type, r, connectArg, options);
  }

  public <X, I, C extends RpcClient> Foreground<C> spawnForeground(WorkerType<X, I> type,
      Class<? extends X> impl, I init, SpawnOptions options, Function<RpcConnection, C> client) {
    return spawnForeground(type, impl, init, null, options, client);
  }

  /** As {@link #spawnForeground}, building the connection's state from {@code connectArg} if the type has one. */
  public <X, I, C extends RpcClient> Foreground<C> spawnForeground(WorkerType<X, I> type,
      Class<? extends X> impl, I init, Object connectArg, SpawnOptions options, Function<RpcConnection, C> client) {
    Result<X> r = spawn(type, impl, init, options, true);
    return new Foreground<>(client.apply(connectOrKill(type, r, connectArg, options)), r.process());
  }

  private <X> RpcConnection connectOrKill(WorkerType<X, ?> type, Result<X> r, Object connectArg,
      SpawnOptions options) {
    try {
      return Connector.withState(type, connector.open(type, r.worker(), options.connectionTimeout()), connectArg);
    } catch (RuntimeException e) {
      Spawned s = workers.get(r.worker().id());
      if (s != null) {
        s.launched().kill();
      } else {
        LocalLauncher.killTree(r.process());
      }
      throw e;
    }
  }

  private <X, I> Result<X> spawn(WorkerType<X, I> type, Class<? extends X> impl, I init, SpawnOptions options,
      boolean foreground) {
    if (RunContext.isSpawnedWorker() && RunContext.workerId() == null) {
      throw new IllegalStateException("rpc-parallel is not initialised in this worker process: it was spawned,"
          + " but has not read its configuration yet. Call RpcParallel.workerInitBeforeStart() (or run"
          + " RpcParallel.workerCommand(), or launch through the generated ...RpcParallelMain) before spawning");
    }
    Implementations.check(impl, type);
    WorkerCommand.useClassPathOf(impl);
    List<String> wrap = new ArrayList<>();
    Launcher launcher = launcher(options.howToRun(), wrap);
    validate(options, foreground, launcher.local());
    byte[] initBytes = encodeInit(type, init);
    MasterServer master = MasterServer.get();
    long sequence = COUNTER.incrementAndGet();
    String id = ProcessHandle.current().pid() + "-" + sequence;
    String display = options.name().orElse(id);
    Object event = Jfr.AVAILABLE ? RpcEvents.spawnStarted() : null;
    Tracked track = new Tracked(id, options.name(), type.interfaceName(), how(launcher), options.shutdownOn(),
        sequence);
    boolean serverTls;
    try {
      serverTls = Security.serverTls(RunContext.settings(), !launcher.local(),
          options.address().orElse(launcher.local() ? "127.0.0.1" : ""));
    } catch (io.rpcparallel.RpcException e) {
      throw new SpawnException("cannot start worker " + display + " on " + launcher.where() + ": " + e.getMessage(), e);
    }
    java.util.function.Supplier<WorkerConfig> configure = () -> {
      if (launcher.local()) {
        return config(master.host(), master.port(), List.of(), WorkerConfig.LOOPBACK, id, type, impl, initBytes,
            options, tls(serverTls, master.localTls(), id));
      }
      // Given an address to listen on and none to advertise, workers are given the one listened on.
      String advertised = RunContext.settings().advertiseAddress().isEmpty()
          ? RunContext.settings().listenAddress() : RunContext.settings().advertiseAddress();
      int port = master.remotePort();
      return config(advertised, port, advertised.isEmpty() ? MasterServer.candidateAddresses() : List.of(),
          launcher instanceof SshLauncher ? WorkerConfig.SSH : WorkerConfig.ROUTE, id, type, impl, initBytes, options,
          tls(serverTls, master.remoteTls(), id));
    };
    // A remote worker's configuration is made while its launcher starts it: under TLS the first one
    // makes the run's CA, the master's certificate and TLS contexts (about a second, as long as a
    // remote JVM takes to start), and the worker waits for its configuration on stdin anyway.
    WorkerConfig localConfig = launcher.local() ? configure.get() : null;

    // Writes before the worker's own redirection: stdout is dropped unless someone reads it,
    // stderr always comes back here so early failures are seen.
    boolean pipeOut = options.stdout() instanceof Redirect.Pipe || options.stdout() instanceof Redirect.Inherit;
    // JAVA_TOOL_OPTIONS without a debugger agent or a JMX port: the worker would die binding the port.
    // Its relative paths made absolute, as in the inherited flags, for workers that inherit it. An
    // ssh worker's login has an environment of its own, and gets none of this program's.
    Map<String, String> env = new HashMap<>(launcher instanceof SshLauncher ? Map.of()
        : JvmFlags.inheritedOptionsVariables());
    env.putAll(options.env());
    env.put(RunContext.WORKER_ENV_VAR, id);
    WorkerCommand.Parts parts = WorkerCommand.parts(options.name(), options.jvmFlags(), options.droppedJvmFlags());
    // Workers on this machine share their classes through a class-data archive (unless the program
    // chose an archive itself); the archive names files of this machine, so remote ones do not.
    ClassDataSharing.Plan cds = launcher.local() && parts.cdsFlags().isEmpty()
        ? ClassDataSharing.get().plan(parts.jvmFlags(), parts.classPath(), env)
        : ClassDataSharing.Plan.none(parts.classPath());
    List<String> command = parts.withClassPath(cds.classPath(), cds.flags()).local();
    Launch launch = new Launch(display, command, parts, wrap, env, options.cd(), pipeOut, options.spawnTimeout());
    String at = launcher.local() ? "" : " on " + launcher.where();

    CompletableFuture<MasterServer.Report> report = master.expect(id);
    forgetLongGone();
    tracked.put(id, track);
    Launcher.Launched launched;
    try {
      launched = launcher.start(launch);
    } catch (IOException | RuntimeException e) {
      master.forget(id);
      spawnFailed(event, track, e);
      ClassDataSharing.get().exited(cds, parts.jvmFlags());
      if (e instanceof SpawnException se) {
        throw se;
      }
      throw new SpawnException("could not start worker " + display + " on " + launcher.where() + ": "
          + String.join(" ", launch.command()) + ": " + e.getMessage(), e);
    }
    Process process = launched.process();
    track.launched(process);
    // One exit future per worker: on a machine with fewer than three cores, each onExit() call
    // completes on a thread of its own.
    CompletableFuture<Process> exit = process.onExit();
    if (cds.dumpTo().isPresent()) {
      ClassDataSharing.get().started(cds, process);
      exit.thenRun(() -> ClassDataSharing.get().exited(cds, parts.jvmFlags()));
    }
    // One thread copies every worker's pipes (OutputPump), not one per worker.
    OutputPump.Pipe err = options.stderr() instanceof Redirect.Pipe ? null
        : OutputPump.copy(process.getErrorStream(), exit, System.err, "[WORKER " + display + " STDERR]: ");
    OutputPump.Pipe out = options.stdout() instanceof Redirect.Inherit
        ? OutputPump.copy(process.getInputStream(), exit, System.out, "[WORKER " + display + " STDOUT]: ")
        : null;
    OutputStream stdin = process.getOutputStream();
    try {
      WorkerConfig config = localConfig != null ? localConfig : configure.get();
      try {
        config.writeTo(stdin);
      } catch (IOException e) {
        // The worker ended before it read its configuration (bad JVM flags, an unreadable class path),
        // or closed its stdin without ending: say which, and with what status.
        boolean exited = process.waitFor(CONFIG_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        throw new IOException(exited
            ? "the worker exited with status " + process.exitValue() + " before reading its configuration"
            : "could not send the worker its configuration (" + e.getMessage() + "): its stdin was closed, and"
                + " it was still running " + CONFIG_EXIT_WAIT.toSeconds() + " s later (it is killed now)", e);
      }
      MasterServer.Report r = awaitReport(report, exit, process, options, display);
      if (r instanceof MasterServer.InitFailed f) {
        throw new SpawnException("worker " + display + " failed to initialise: " + f.text());
      }
      MasterServer.Registered reg = (MasterServer.Registered) r;
      Worker<X> worker = new Worker<>(type.interfaceName(), type.fingerprint(), reg.host(), reg.port(), id,
          options.name(), serverTls);
      Spawned s = new Spawned(worker, launched, err, out, stdin);
      workers.put(id, s);
      track.up(reg.host(), reg.port(), reg.pid());
      if (event != null) {
        RpcEvents.spawnEnded(event, id, options.name().orElse(""), type.interfaceName(), how(launcher).name()
            .toLowerCase(java.util.Locale.ROOT), reg.host(), reg.port(), reg.pid(), "ok");
      }
      master.onFailure(id, display, options.onFailure());
      exit.thenRun(() -> {
        closeQuietly(stdin);
        track.dead(process.exitValue());
        if (Jfr.AVAILABLE) {
          RpcEvents.workerDied(id, options.name().orElse(""), process.exitValue(), track.uptime());
        }
        // Let a failure report that raced the exit reach its callback first.
        later(5, () -> master.workerGone(id));
        log.debug("worker {} exited with {}", display, process.exitValue());
        // status() and the next spawn forget it a minute from now (forgetLongGone): no timer for it.
      });
      return new Result<>(worker, process);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      master.forget(id);
      spawnFailed(event, track, e);
      launched.kill();
      closeQuietly(stdin);
      // A foreground stderr pipe is the caller's, who never gets the process of a failed spawn:
      // what the worker wrote to it is read now, for the message (its last lines, from a dead process).
      OutputPump.Pipe errTail = err != null ? err
          : options.stderr() instanceof Redirect.Pipe ? OutputPump.copy(process.getErrorStream(), exit, null, "") : null;
      if (errTail != null) {
        errTail.join(2_000);
      }
      if (e instanceof SpawnException se) {
        throw se;
      }
      // A check of the launcher's own on the far side failed: say exactly what it said.
      Optional<String> failure = launched.failure();
      if (failure.isPresent()) {
        throw new SpawnException(failure.get(), e);
      }
      String tail = errTail == null ? "" : errTail.tail();
      // Say everything that explains an early end: the status, the end of stderr, the command.
      throw new SpawnException("spawn of worker " + display + at + " failed: " + e.getMessage()
          + (tail.isEmpty() ? "" : "\n[WORKER " + display + " STDERR]: " + tail.replace("\n",
              "\n[WORKER " + display + " STDERR]: "))
          + (e instanceof IOException ? "\nthe worker's command (on " + launcher.where() + "): "
              + String.join(" ", launch.command()) : ""), e);
    }
  }

  /** Forgets a spawn that failed, and ends its event saying why. */
  private void spawnFailed(Object event, Tracked track, Exception e) {
    tracked.remove(track.id, track);
    if (event != null) {
      RpcEvents.spawnEnded(event, track.id, track.name.orElse(""), track.interfaceName,
          track.how.name().toLowerCase(java.util.Locale.ROOT), "", 0, -1, "failed: " + e.getMessage());
    }
  }

  private static WorkerStatus.How how(Launcher launcher) {
    if (launcher instanceof SshLauncher) {
      return WorkerStatus.How.SSH;
    }
    return launcher instanceof SlurmLauncher ? WorkerStatus.How.SLURM : WorkerStatus.How.LOCAL;
  }

  /**
   * A snapshot of the workers this process spawned (from the start of their spawn to a minute
   * after their exit) and of those it holds a connection to (see {@link RpcStatus}).
   */
  public RpcStatus status() {
    forgetLongGone();
    // Per worker id: connections, calls in flight, streams open; and the handle of each.
    Map<String, int[]> counts = new HashMap<>();
    Map<String, Worker<?>> connectedOnly = new TreeMap<>();
    for (ClientConnection c : connector.openConnections()) {
      Worker<?> w = c.worker();
      int[] n = counts.computeIfAbsent(w.id(), k -> new int[3]);
      n[0]++;
      n[1] += c.callsInFlight();
      n[2] += c.streamsOpen();
      if (!tracked.containsKey(w.id())) {
        connectedOnly.putIfAbsent(w.id(), w);
      }
    }
    List<WorkerStatus> list = new ArrayList<>();
    List<Tracked> spawned = new ArrayList<>(tracked.values());
    spawned.sort(Comparator.comparingLong(t -> t.sequence));
    int[] none = new int[3];
    for (Tracked t : spawned) {
      int[] n = counts.getOrDefault(t.id, none);
      list.add(t.status(n[0], n[1], n[2]));
    }
    for (Worker<?> w : connectedOnly.values()) {
      int[] n = counts.get(w.id());
      list.add(new WorkerStatus(w.id(), w.name(), w.interfaceName(), w.host(), w.port(), OptionalLong.empty(),
          Optional.empty(), Optional.empty(), WorkerStatus.State.UP, OptionalInt.empty(), n[0], n[1], n[2],
          Optional.empty()));
    }
    return new RpcStatus(Instant.now(), list);
  }

  /** The launcher for {@code how}, and the wraps around it (outermost first) added to {@code wrap}. */
  private static Launcher launcher(HowToRun how, List<String> wrap) {
    HowToRun h = how;
    while (h instanceof HowToRun.Wrapped w) {
      wrap.addAll(w.prefix());
      h = w.base();
    }
    if (h instanceof HowToRun.Ssh ssh) {
      return new SshLauncher(ssh);
    }
    if (h instanceof HowToRun.Slurm slurm) {
      return new SlurmLauncher(slurm);
    }
    return LocalLauncher.INSTANCE;
  }

  /**
   * What a worker is told about TLS: whether its {@code server} and its connection {@code back} to
   * this process use it, and its credentials when either does.
   */
  private static WorkerTls tls(boolean server, boolean back, String id) {
    if (!server && !back) {
      // It asks for credentials if it ever needs them (a handle on a worker that speaks TLS).
      return WorkerTls.NONE;
    }
    boolean ownPki = Security.programMaterial().isPresent();
    return new WorkerTls(server, back, ownPki, ownPki ? Optional.empty() : Optional.of(Security.credentialsFor(id)));
  }

  private static <I> WorkerConfig config(String masterHost, int masterPort, List<String> candidates, String source,
      String id, WorkerType<?, I> type, Class<?> impl, byte[] initBytes, SpawnOptions options, WorkerTls tls) {
    return new WorkerConfig(masterHost, masterPort, id, RunContext.secret(), type.holder().getName(), impl.getName(),
        initBytes, RunContext.settings().forWorker(), options.shutdownOn(), options.name(), options.connectionTimeout(),
        options.stdout(), options.stderr(), options.cd(), candidates, options.address().orElse(""), source, tls);
  }

  /**
   * Runs {@code task} on the transport's executor in {@code seconds}, without a timer thread of its
   * own; at once if the runtime is shut down ({@code RpcParallel.shutdown}). A worker that follows
   * its master exits after that shutdown, and its exit must not start a fresh transport whose
   * threads then outlive the program's use of rpc-parallel (under {@code mvn exec:java} the
   * plugin waited 15 s for its idle executor thread, which ignores interruption).
   */
  private static void later(long seconds, Runnable task) {
    java.util.Optional<io.rpcparallel.internal.exec.Transport> t = RunContext.transportIfMade();
    if (t.isEmpty()) {
      task.run(); // the runtime is shut down: nothing is worth waiting for
      return;
    }
    try {
      t.get().group().schedule(() -> t.get().executor().execute(task), seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      task.run(); // the runtime is shutting down: nothing is worth waiting for
    }
  }

  /**
   * Forgets the workers that exited more than {@link #KEPT_AFTER_EXIT} ago. Done when status()
   * or a spawn asks rather than on a timer, so that no runtime thread waits out that minute.
   */
  private void forgetLongGone() {
    long now = System.nanoTime();
    for (Tracked t : tracked.values()) {
      if (t.deadLongerThan(KEPT_AFTER_EXIT, now)) {
        // The exit record first: a death() in between finds one or the other.
        Spawned s = workers.get(t.id);
        if (s != null && !s.process().isAlive()) {
          synchronized (exits) {
            exits.put(t.id, Exit.of(s, EXIT_TAIL_CHARS));
          }
        }
        workers.remove(t.id);
        tracked.remove(t.id, t);
      }
    }
  }

  private static MasterServer.Report awaitReport(CompletableFuture<MasterServer.Report> report,
      CompletableFuture<Process> exit, Process process, SpawnOptions options, String display) throws IOException {
    CompletableFuture<Object> either = CompletableFuture.anyOf(report, exit);
    try {
      Object o = either.get(options.spawnTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (o instanceof MasterServer.Report r) {
        return r;
      }
      // The process ended first; a report may still have raced in.
      MasterServer.Report r = report.getNow(null);
      if (r != null) {
        return r;
      }
      throw new IOException("the worker exited with status " + process.exitValue() + " before registering");
    } catch (TimeoutException e) {
      throw new IOException("timed out after " + options.spawnTimeout()
          + " waiting for the worker to start and register (spawnTimeout)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while spawning");
    } catch (ExecutionException | CancellationException e) {
      throw new IOException(e.toString());
    }
  }

  private static void validate(SpawnOptions options, boolean foreground, boolean local) {
    if (options.env().containsKey(RunContext.WORKER_ENV_VAR)) {
      throw new IllegalArgumentException("spawn env variable " + RunContext.WORKER_ENV_VAR
          + " conflicts with rpc-parallel machinery");
    }
    Path cd = options.cd();
    if (local && !Files.isDirectory(cd)) {
      throw new SpawnException("cannot spawn with cd " + cd + ": no such directory");
    }
    for (Redirect r : List.of(options.stdout(), options.stderr())) {
      if (r instanceof Redirect.Pipe && !foreground) {
        throw new IllegalArgumentException("Redirect.pipe() is only for foreground spawns (spawnForeground)");
      }
      if (local && r instanceof Redirect.ToFile f) {
        Path file = cd.resolve(f.file());
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
          throw new SpawnException("cannot redirect worker output to " + file + ": directory " + dir
              + " does not exist");
        }
      }
    }
  }

  private static <I> byte[] encodeInit(WorkerType<?, I> type, I init) {
    ByteBuf buf = Unpooled.buffer();
    try {
      type.initCodec().encode(new ByteBufWireOutput(buf), init);
      return ByteBufUtil.getBytes(buf);
    } catch (RuntimeException e) {
      throw new SpawnException("could not encode the init argument for " + type.interfaceName() + ": " + e, e);
    } finally {
      buf.release();
    }
  }

  private static void closeQuietly(OutputStream s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do: the pipe is gone
    }
  }

  /**
   * Why worker {@code id} is gone, if this process spawned it and it has exited (waits up to 1 s),
   * while status() shows it or as one of the last {@link #EXITS_KEPT} exits after that.
   */
  private WorkerDiedException died(String id) {
    Spawned s = workers.get(id);
    if (s == null) {
      Exit x;
      synchronized (exits) {
        x = exits.get(id);
      }
      return x == null ? null : x.exception();
    }
    try {
      s.process().onExit().get(1, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    if (s.stderr() != null) {
      s.stderr().join(500);
    }
    return Exit.of(s, Integer.MAX_VALUE).exception();
  }

  /**
   * Why worker {@code workerId} is gone, if this process spawned it and it has exited (waiting up
   * to a second for a dying one to finish): known for a minute after its exit, and after that for
   * the last {@value #EXITS_KEPT} workers to exit.
   *
   * @param workerId the worker's id
   * @return its {@link WorkerDiedException}, with its exit status and the end of its stderr
   */
  public Optional<WorkerDiedException> death(String workerId) {
    return Optional.ofNullable(died(workerId));
  }

  /**
   * Completes once worker {@code workerId}, spawned by this process, has exited and all it wrote
   * to the pipes this process copies (its stderr, and its stdout when inherited) has been copied
   * to their ends; completed already if this process does not know the worker (any more).
   */
  public CompletableFuture<Void> outputCopied(String workerId) {
    Spawned s = workers.get(workerId);
    if (s == null) {
      return CompletableFuture.completedFuture(null);
    }
    List<CompletableFuture<?>> all = new ArrayList<>(List.of(s.process().onExit()));
    for (OutputPump.Pipe p : new OutputPump.Pipe[] {s.stderr(), s.stdout()}) {
      if (p != null) {
        all.add(p.drained());
      }
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  /** The process of a worker this process spawned, if any. */
  public Optional<Process> process(String workerId) {
    Spawned s = workers.get(workerId);
    return s == null ? Optional.empty() : Optional.of(s.process());
  }
}
