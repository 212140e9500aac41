package io.rpcparallel.internal.worker;

import io.rpcparallel.Redirect;
import io.rpcparallel.RpcException;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerEnv;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.gen.WorkerType;
import io.rpcparallel.internal.launch.MasterProtocol;
import io.rpcparallel.internal.launch.WorkerConfig;
import io.rpcparallel.internal.transport.ClientConnection;
import io.rpcparallel.internal.transport.ClientConnection.DeathReporter;
import io.rpcparallel.internal.transport.Endpoint;
import io.rpcparallel.internal.transport.RpcServer;
import io.rpcparallel.internal.transport.Security;
import io.rpcparallel.internal.transport.ServerConnection;
import io.rpcparallel.internal.transport.TlsCredentials;
import io.rpcparallel.internal.exec.Transport;
import io.rpcparallel.internal.exec.WorkerMdc;
import io.rpcparallel.internal.log.LogBridges;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.netty.buffer.Unpooled;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The life of a spawned worker process: read the configuration from stdin, build the
 * implementation from the init argument, serve, register with the master, and end when the
 * shutdown mode says so. Lifecycle lines go to stderr, which the master shows until the
 * worker's own redirection takes effect. A process has one ({@link #get()}); its server and its
 * connections to the master run on the transport it was given.
 */
public final class WorkerProcess {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkerProcess.class);
  /** The status a worker exits with after an exception on one of its own background threads. */
  public static final int BACKGROUND_FAILURE_STATUS = 254;

  private static final Object LOCK = new Object();
  private static WorkerProcess current;

  private final Transport transport;
  private final InputStream stdin;
  private final AtomicBoolean initialised = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean exiting = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile RpcServer server;
  private volatile ClientConnection lifeline;

  /**
   * @param transport what the worker's server and its connections to the master run on, shut down
   *     when the worker ends in order
   * @param stdin where the configuration comes from, held open by the master for the worker's life
   */
  public WorkerProcess(Transport transport, InputStream stdin) {
    this.transport = transport;
    this.stdin = stdin;
  }

  /** This process's worker, on this process's transport, reading {@code System.in}; made at first use. */
  public static WorkerProcess get() {
    synchronized (LOCK) {
      if (current == null) {
        current = new WorkerProcess(RunContext.transport(), System.in);
      }
      return current;
    }
  }

  /** The {@link WorkerEnv} of this process. */
  record Env(WorkerConfig config) implements WorkerEnv {
    @Override public String workerId() {
      return config.workerId();
    }

    @Override public Optional<String> name() {
      return config.name();
    }
  }

  /**
   * Reads this worker's configuration from stdin (waiting at most the handshake timeout) and
   * starts watching for its master's end. Throws in a process that was not spawned.
   */
  public WorkerEnv initBeforeStart() {
    if (!RunContext.isSpawnedWorker()) {
      throw new IllegalStateException("workerInitBeforeStart: this process was not spawned by rpc-parallel"
          + " (" + RunContext.WORKER_ENV_VAR + " is not set)");
    }
    if (!initialised.compareAndSet(false, true)) {
      throw new IllegalStateException("workerInitBeforeStart may be called only once");
    }
    CompletableFuture<WorkerConfig> read = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        read.complete(WorkerConfig.readFrom(stdin));
      } catch (IOException | RuntimeException e) {
        read.completeExceptionally(e);
      }
    }, "rpc-parallel-config-reader");
    reader.setDaemon(true);
    reader.start();
    // Until the master's settings arrive, this process's own (from the environment) apply.
    Duration limit = RunContext.settings().handshakeTimeout();
    WorkerConfig config;
    try {
      config = read.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      exit(1, "no configuration from the master within " + limit + ". Shutting down.");
      throw new AssertionError();
    } catch (Exception e) {
      exit(1, "could not read the worker configuration from stdin: " + e.getMessage() + ". Shutting down.");
      throw new AssertionError();
    }
    RunContext.initWorker(config.workerId(), config.secret(), config.settings());
    // Before anything runs on the transport's threads, which take the name into their MDC as they start.
    WorkerMdc.set(config.name().orElse(config.workerId()));
    LogBridges.install(classLoader());
    Security.initWorker(config.tls());
    watchStdin(config);
    return new Env(config);
  }

  /** The master holds our stdin open for our whole life: end of stream means it is gone. */
  private void watchStdin(WorkerConfig config) {
    Thread t = new Thread(WorkerMdc.onThread(() -> {
      byte[] buf = new byte[256];
      try {
        while (stdin.read(buf) >= 0) {
          // The master sends nothing more; keep draining.
        }
      } catch (IOException e) {
        // treated as end of stream
      }
      if (config.shutdownOn() != ShutdownOn.EXPLICIT) {
        exit(0, "the master is gone (its end of our stdin closed). Shutting down.");
      }
    }), "rpc-parallel-master-watch");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Builds the implementation, serves it, registers with the master and completes the
   * redirection of stdout and stderr. Returns once registered; the worker then lives until its
   * shutdown mode ends it (a non-daemon thread keeps the JVM up).
   */
  public void start(WorkerEnv env) {
    if (!(env instanceof Env e)) {
      throw new IllegalStateException("startWorkerServer: not a worker environment of this process");
    }
    if (!RunContext.isSpawnedWorker()) {
      throw new IllegalStateException("startWorkerServer: this process was not spawned by rpc-parallel");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("startWorkerServer may be called only once");
    }
    WorkerConfig config = e.config();
    Thread.setDefaultUncaughtExceptionHandler(this::backgroundFailure);
    ClientConnection master;
    try {
      master = connectToMaster(config);
    } catch (RpcException ex) {
      exit(1, "could not reach the master: " + ex.getMessage() + ". Shutting down.");
      return;
    }
    // A worker given no TLS credentials asks its master for them if it ever needs them.
    Security.setFetch(() -> master.callBlocking(MasterProtocol.TLS_CREDENTIALS,
        out -> out.writeString(config.workerId()), TlsCredentials::decode));
    Object impl;
    WorkerType<?, ?> type;
    try {
      type = loadType(config.typeHolder());
      impl = construct(type, config);
    } catch (Throwable t) {
      reportInitFailure(master, config, t);
      exit(1, "initialisation failed: " + t + ". Shutting down.");
      return;
    }
    ServerState state = new ServerState(config);
    String address = ownAddress(config, master);
    RpcServer s;
    try {
      s = startServer(new RpcServer(transport, new Endpoint(type.interfaceName(), type.fingerprint()),
          config.settings(), config.secret(), c -> dispatcher(type, impl), state)
          .withTls(config.tls().server() ? Security.contexts() : null)
          .withConnectionStates(type.hasConnectArg() ? arg -> type.connectionState(impl, arg) : null)
          .withMethodNames(type::methodName), address, config.workerAddress().isEmpty());
    } catch (RpcException ex) {
      master.close();
      exit(1, ex.getMessage() + ". Shutting down.");
      return;
    }
    server = s;
    try {
      master.callBlocking(MasterProtocol.REGISTER, out -> {
        out.writeString(config.workerId());
        out.writeString(address);
        out.writeInt(s.port());
        out.writeLong(ProcessHandle.current().pid());
      }, in -> null);
    } catch (RpcException ex) {
      exit(1, "could not register with the master: " + ex.getMessage() + ". Shutting down.");
      return;
    }
    lifeline = master;
    if (config.shutdownOn() != ShutdownOn.EXPLICIT) {
      master.closed().thenRun(() -> exit(0, "lost the connection to the master. Shutting down."));
    }
    redirect(config);
    state.registered();
    Thread keeper = new Thread(() -> {
      try {
        done.await();
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "rpc-parallel-worker");
    keeper.setDaemon(false);
    keeper.start();
  }

  @SuppressWarnings("unchecked")
  private static <X> io.rpcparallel.internal.gen.Dispatcher dispatcher(WorkerType<X, ?> type, Object impl) {
    return type.dispatcher((X) impl);
  }

  /** Where the worker's types (and log bridges) are found: the context class loader, else the runtime's. */
  private static ClassLoader classLoader() {
    return Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader() : WorkerProcess.class.getClassLoader();
  }

  private static WorkerType<?, ?> loadType(String holder) throws ReflectiveOperationException {
    Class<?> c = Class.forName(holder, true, classLoader());
    return (WorkerType<?, ?>) c.getField("TYPE").get(null);
  }

  private static <X, I> Object construct(WorkerType<X, I> type, WorkerConfig config) throws Throwable {
    Class<?> implClass = Class.forName(config.implClass(), true, classLoader());
    Implementations.check(implClass, type);
    ByteBufWireInput in = new ByteBufWireInput(Unpooled.wrappedBuffer(config.init()));
    I init = type.initCodec().decode(in);
    Constructor<?> ctor = Implementations.constructor(implClass, type.initClass());
    Object[] args = ctor.getParameterCount() == 0 ? new Object[0] : new Object[] {init};
    try {
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (InvocationTargetException ex) {
      throw ex.getCause();
    }
  }

  private static void reportInitFailure(ClientConnection master, WorkerConfig config, Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    try (master) {
      master.callBlocking(MasterProtocol.INIT_FAILED, out -> {
        out.writeString(config.workerId());
        out.writeString(sw.toString().strip());
      }, in -> null);
    } catch (RuntimeException e) {
      System.err.println("could not report the initialisation failure to the master: " + e.getMessage());
    }
  }

  /**
   * Opens the lifeline to the master: at the address it gave, or, when it gave none (a worker on
   * another host), at the address our ssh session came from and at each of its candidates, all at
   * once, keeping the first that authenticates.
   */
  private ClientConnection connectToMaster(WorkerConfig config) {
    Set<String> hosts = new LinkedHashSet<>();
    if (!config.masterHost().isEmpty()) {
      hosts.add(config.masterHost());
    } else {
      if (WorkerConfig.SSH.equals(config.addressSource())) {
        sshConnection(0).ifPresent(hosts::add);
      }
      hosts.addAll(config.masterCandidates());
    }
    if (hosts.size() == 1) {
      return openMaster(hosts.iterator().next(), config);
    }
    // Every candidate at once: one that drops packets must not hold up the others. The first
    // that authenticates is kept; the others are closed as they come.
    CompletableFuture<ClientConnection> first = new CompletableFuture<>();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(hosts.size());
    for (String host : hosts) {
      Thread t = new Thread(WorkerMdc.onThread(() -> {
        try {
          ClientConnection c = openMaster(host, config);
          if (!first.complete(c)) {
            c.close();
          }
        } catch (RpcException ex) {
          failures.add(host + " port " + config.masterPort() + " (" + ex.getMessage() + ")");
          if (left.decrementAndGet() == 0) {
            first.completeExceptionally(new RpcException("tried " + String.join(", ", failures)));
          }
        }
      }), "rpc-parallel-find-master");
      t.setDaemon(true);
      t.start();
    }
    try {
      return first.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RpcException re ? re : new RpcException(String.valueOf(e.getCause()));
    }
  }

  private ClientConnection openMaster(String host, WorkerConfig config) {
    Worker<?> handle = new Worker<>(MasterProtocol.ENDPOINT.interfaceName(), MasterProtocol.ENDPOINT.fingerprint(),
        host, config.masterPort(), "master", Optional.of("master"));
    return ClientConnection.open(transport, DeathReporter.NONE, MasterProtocol.ENDPOINT, handle, config.settings(),
        config.secret(), config.connectionTimeout(), config.tls().master() ? Security.contexts() : null);
  }

  /** Field {@code i} of {@code SSH_CONNECTION} (client address, client port, server address, server port). */
  private static Optional<String> sshConnection(int i) {
    String sc = System.getenv("SSH_CONNECTION");
    if (sc == null) {
      return Optional.empty();
    }
    String[] f = sc.trim().split("\\s+");
    return f.length == 4 ? Optional.of(f[i]) : Optional.empty();
  }

  /** The address this worker listens on and registers: chosen by the master, else by how it was started. */
  private static String ownAddress(WorkerConfig config, ClientConnection master) {
    if (!config.workerAddress().isEmpty()) {
      return config.workerAddress();
    }
    if (WorkerConfig.LOOPBACK.equals(config.addressSource())) {
      return "127.0.0.1";
    }
    if (WorkerConfig.SSH.equals(config.addressSource())) {
      Optional<String> server = sshConnection(2);
      if (server.isPresent()) {
        return server.get();
      }
    }
    return master.localAddress().getAddress().getHostAddress();
  }

  /**
   * Listens on {@code address}; one chosen by itself that is not one of this machine's (behind
   * NAT) falls back to every address. An address the user chose must work.
   */
  private static RpcServer startServer(RpcServer server, String address, boolean chosenHere) {
    try {
      return server.start(address);
    } catch (RpcException e) {
      if (!chosenHere) {
        throw new RpcException("cannot listen on the worker address " + address + " given at spawn (withAddress): "
            + e.getMessage(), e);
      }
      LOG.debug("cannot listen on {}; listening on every address", address, e);
      return server.start("");
    }
  }

  /** Completes the redirection: until now stdout went nowhere and stderr to the master. */
  private void redirect(WorkerConfig config) {
    System.out.flush();
    System.err.flush();
    PrintStream out = stream(config.stdout(), config.cd());
    PrintStream err = stream(config.stderr(), config.cd());
    if (out != null) {
      System.setOut(out);
    }
    if (err != null) {
      System.setErr(err);
    }
  }

  private PrintStream stream(Redirect r, Path cd) {
    try {
      if (r instanceof Redirect.ToFile f) {
        return new PrintStream(new FileOutputStream(cd.resolve(f.file()).toFile(), f.append()), true,
            StandardCharsets.UTF_8);
      }
      if (r instanceof Redirect.Discard) {
        return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
      }
      return null; // inherit and pipe: keep the pipe to the master / caller
    } catch (IOException e) {
      exit(1, "cannot redirect output to " + r + ": " + e.getMessage() + ". Shutting down.");
      return null;
    }
  }

  /**
   * An exception escaped one of the worker's own threads (not a call: those answer their caller).
   * Tell the master, whose {@code onFailure} gets it, then exit with status 254.
   */
  private void backgroundFailure(Thread thread, Throwable error) {
    ClientConnection master = lifeline;
    if (master != null) {
      try {
        master.call(MasterProtocol.BACKGROUND_FAILURE, out -> {
          out.writeString(RunContext.workerId());
          io.rpcparallel.internal.wire.Frames.writeError(out, error);
        }, in -> null).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("could not report a background failure to the master: " + e);
      }
    }
    StringWriter sw = new StringWriter();
    error.printStackTrace(new PrintWriter(sw));
    exit(BACKGROUND_FAILURE_STATUS, "uncaught exception on thread " + thread.getName() + ": " + sw.toString().strip()
        + "\nShutting down.");
  }

  /** Ends the worker at once: prints why on stderr, closes the server, exits with {@code code}. */
  public void exit(int code, String why) {
    exit(code, why, Duration.ZERO);
  }

  /**
   * Ends the worker in order: prints why on stderr, stops accepting, lets the calls in flight
   * finish within {@code grace} (their callers get their replies), closes every connection, stops
   * the event loops and executors, then exits with {@code code}.
   */
  private void exit(int code, String why, Duration grace) {
    exit(code, why, grace, false);
  }

  /**
   * As {@link #exit(int, String, Duration)}; a {@code routine} end (one the master asked for) is
   * logged at debug instead of printed, so the master's terminal shows only the unexpected ones.
   */
  private void exit(int code, String why, Duration grace, boolean routine) {
    if (!exiting.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(WorkerMdc.onThread(() -> {
      if (routine) {
        LOG.debug(why);
      } else {
        System.err.println(why);
        System.err.flush();
      }
      RpcServer s = server;
      if (grace.isZero()) {
        // Nobody is left to answer (the master is gone) or the worker failed: end at once.
        if (s != null) {
          s.close();
        }
      } else {
        if (s != null) {
          s.drainAndClose(grace);
        }
        transport.shutdown(Duration.ofSeconds(1));
      }
      done.countDown();
      System.exit(code);
    }), "rpc-parallel-exit");
    t.setDaemon(false);
    t.start();
  }

  /** Tracks connections for the shutdown modes. */
  private final class ServerState implements RpcServer.Listener {
    private final WorkerConfig config;
    private ServerConnection initial;
    private boolean registered;

    ServerState(WorkerConfig config) {
      this.config = config;
    }

    synchronized void registered() {
      registered = true;
      if (config.shutdownOn() == ShutdownOn.CONNECTION_CLOSED && initial == null) {
        long ms = config.connectionTimeout().toMillis();
        CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS).execute(() -> {
          synchronized (this) {
            if (initial == null) {
              exit(0, "no client connected within " + config.connectionTimeout() + ". Shutting down.");
            }
          }
        });
      }
    }

    @Override
    public synchronized void opened(ServerConnection c) {
      if (initial == null) {
        initial = c;
      }
    }

    @Override
    public synchronized void closed(ServerConnection c) {
      if (c == initial && config.shutdownOn() == ShutdownOn.CONNECTION_CLOSED) {
        exit(0, "initial client connection closed... Shutting down.");
      }
    }

    @Override
    public void shutdownRequested() {
      exit(0, "shutdown requested. Shutting down.", config.settings().shutdownGrace(), true);
    }
  }
}
