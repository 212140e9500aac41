package io.rpcparallel;

import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.worker.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Process-wide controls, and the expert entry points for programs that route their own command
 * line instead of using {@code @RpcParallelApp}.
 *
 * <p>Expert use: in the master, call {@link #startMasterServer} once, before the first spawn,
 * with the arguments that make the program a worker; in the program's command handling, mount
 * {@link #workerCommand()} at exactly those arguments (or call {@link #workerInitBeforeStart()}
 * then {@link #startWorkerServer} yourself).
 */
public final class RpcParallel {
  private RpcParallel() {}

  /**
   * Makes this process a master whose workers are this program re-run with
   * {@code workerCommandArgs} (followed by {@code child-of-<pid>@<host>} and the worker's name).
   * The master's server itself starts at the first spawn.
   *
   * @param workerCommandArgs the arguments that make the program a worker; not empty
   * @throws IllegalStateException in a spawned worker, or if this program's launch command cannot
   *     be told
   */
  public static void startMasterServer(List<String> workerCommandArgs) {
    startMasterServer(workerCommandArgs, null);
  }

  /**
   * As {@link #startMasterServer(List)}, with the program's own settings (see {@link RpcSettings}).
   *
   * @param workerCommandArgs the arguments that make the program a worker; not empty
   * @param settings the program's own settings, or null for none
   */
  public static void startMasterServer(List<String> workerCommandArgs, RpcSettings.Builder settings) {
    Objects.requireNonNull(workerCommandArgs, "workerCommandArgs");
    if (RunContext.isSpawnedWorker()) {
      throw new IllegalStateException("startMasterServer must be called in the master process only;"
          + " this process was spawned as a worker");
    }
    if (workerCommandArgs.isEmpty()) {
      throw new IllegalArgumentException("workerCommandArgs must not be empty: the program needs them to"
          + " tell a worker run from a master run");
    }
    RunContext.setProgramSettings(settings);
    String command = System.getProperty("sun.java.command", "").trim();
    String first = command.isEmpty() ? "" : command.split("\\s+")[0];
    if (first.isEmpty()) {
      throw new IllegalStateException("cannot tell how this program was launched (no sun.java.command);"
          + " use @RpcParallelApp instead");
    }
    if (first.endsWith(".jar") && Files.isRegularFile(Path.of(first))) {
      List<String> args = new ArrayList<>();
      args.add(Path.of(first).toAbsolutePath().toString());
      args.addAll(workerCommandArgs);
      RunContext.setSpawnCommand(new RunContext.SpawnCommand("-jar", args));
    } else {
      RunContext.setSpawnCommand(new RunContext.SpawnCommand(first, workerCommandArgs));
    }
  }

  /**
   * Sets this program's own settings (each field still yields to {@value RpcSettings#ENV_VAR}).
   * Call before the first spawn, serve or connect.
   *
   * @param settings the program's own settings
   */
  public static void setSettings(RpcSettings.Builder settings) {
    RunContext.setProgramSettings(settings);
  }

  /**
   * Makes every TLS connection of this process use your own PKI instead of the run's certificate
   * authority. Call before the first spawn, serve or connect. Workers need the same material: see
   * {@link TlsMaterial} for how they find it.
   *
   * @param material your key and trust managers
   * @throws IllegalStateException if a TLS connection was already made
   */
  public static void setTlsMaterial(TlsMaterial material) {
    io.rpcparallel.internal.transport.Security.setProgramMaterial(Objects.requireNonNull(material, "material"));
  }

  /** {@return this process's effective settings} */
  public static RpcSettings settings() {
    return RunContext.settings();
  }

  /**
   * Ends this process's use of rpc-parallel cleanly, without {@code System.exit}: stops the master
   * server and every server this process serves (letting their calls in flight finish within
   * {@code grace}), closes every connection (workers spawned in a mode that follows their master
   * then exit), stops the dashboard if one runs, and stops the runtime's event loops and thread
   * pools. Each step's wait is bounded
   * by {@code grace}. Spawning, serving or connecting afterwards starts the runtime afresh.
   *
   * @param grace how long calls in flight may take to finish, and each step to complete
   */
  public static void shutdown(java.time.Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, got " + grace);
    }
    io.rpcparallel.internal.spawn.MasterServer.stop();
    io.rpcparallel.internal.dashboard.DashboardSettings.stopIfStarted();
    RunContext.shutdownTransport(grace);
  }

  /**
   * A snapshot of this process's workers: those it spawned (from the start of their spawn until a
   * minute after they exit) and those it holds an open connection to (see {@link RpcStatus} for
   * exactly which). Cheap enough to take every second: it reads counters the runtime keeps
   * anyway, sends nothing to the workers and blocks no call. Its {@code toString()} is a table.
   *
   * @return the snapshot
   */
  public static RpcStatus status() {
    return io.rpcparallel.internal.spawn.Spawner.get().status();
  }

  /**
   * Starts this process's live dashboard on loopback, on a free port, and prints its address (with
   * its token) on stderr; returns the one already running if there is one. See {@link Dashboard}.
   *
   * @return the dashboard; close it to stop it
   * @throws java.io.UncheckedIOException if it cannot listen
   * @throws IllegalStateException if Netty's HTTP codec cannot be loaded (on the module path: add
   *     {@code --add-modules io.netty.codec.http})
   */
  public static Dashboard startDashboard() {
    return startDashboard(java.net.InetAddress.getLoopbackAddress().getHostAddress(), 0);
  }

  /**
   * As {@link #startDashboard()}, listening on {@code address} and {@code port}. An address other
   * than loopback lets anyone who can reach it and learns the token (it travels in clear over
   * plain HTTP) see the workers, calls and logs of this program: use one only on a network you
   * trust, or reach a loopback dashboard through an ssh tunnel instead.
   *
   * @param address the address to listen on, e.g. {@code "127.0.0.1"} or {@code "0.0.0.0"}
   * @param port the port, or 0 for a free one
   * @return the dashboard (the one already running, wherever it listens, if there is one)
   * @throws java.io.UncheckedIOException if it cannot listen there
   * @throws IllegalStateException if Netty's HTTP codec cannot be loaded (on the module path: add
   *     {@code --add-modules io.netty.codec.http})
   */
  public static Dashboard startDashboard(String address, int port) {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    io.rpcparallel.internal.dashboard.DashboardSettings.requireHttpCodec();
    return new Dashboard(io.rpcparallel.internal.dashboard.DashboardServer.startOrGet(address, port));
  }

  /** {@return whether this process was spawned as an rpc-parallel worker} */
  public static boolean isWorker() {
    return RunContext.isSpawnedWorker();
  }

  /**
   * Reads this worker's configuration from stdin; call it before anything else reads stdin.
   * The worker's working directory was set at spawn.
   *
   * @return what the master told this worker
   * @throws IllegalStateException in a process that was not spawned, or on a second call
   */
  public static WorkerEnv workerInitBeforeStart() {
    return WorkerProcess.get().initBeforeStart();
  }

  /**
   * Builds the worker's implementation, starts its server and registers with the master, then
   * completes the redirection (stdout written before this is discarded; stderr before this went to
   * the master's stderr). Returns once registered; the worker lives until its shutdown mode ends
   * it. Throws in a process that was not spawned.
   *
   * @param env what {@link #workerInitBeforeStart()} returned
   */
  public static void startWorkerServer(WorkerEnv env) {
    WorkerProcess.get().start(env);
  }

  /**
   * The command to mount at the sub-command path equal to the worker command args: runs
   * {@link #workerInitBeforeStart()} then {@link #startWorkerServer}.
   *
   * @return the command
   */
  public static Runnable workerCommand() {
    return () -> startWorkerServer(workerInitBeforeStart());
  }
}
