package io.rpcparallel.internal;

import io.rpcparallel.RpcSettings;
import io.rpcparallel.internal.exec.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What this process knows of its run: the per-run secret every connection proves, the effective
 * settings, whether it is a spawned worker, and the {@link Transport} its connections run on. A
 * master makes a fresh secret; a worker gets its master's (so every process of one run can reach
 * every other).
 */
public final class RunContext {
  /** Set in every spawned worker's environment; a user's spawn env may not set it. */
  public static final String WORKER_ENV_VAR = "RPC_PARALLEL_WORKER";
  /** The default worker command args, used by the generated routing main and the runtime's own entry. */
  public static final List<String> DEFAULT_WORKER_ARGS = List.of("--rpc-parallel-worker");

  private static final Object LOCK = new Object();
  private static byte[] secret;
  private static RpcSettings settings;
  private static RpcSettings.Builder programSettings;
  private static String workerId;
  private static SpawnCommand spawnCommand = SpawnCommand.runtimeEntry();
  private static Transport transport;

  static {
    ClassPathFiles.init();
  }

  private RunContext() {}

  /** How this process re-runs itself as a worker: a main class and the worker command args. */
  public record SpawnCommand(String mainClass, List<String> workerArgs) {
    public SpawnCommand {
      Objects.requireNonNull(mainClass);
      workerArgs = List.copyOf(workerArgs);
    }

    static SpawnCommand runtimeEntry() {
      return new SpawnCommand("io.rpcparallel.internal.worker.WorkerMain", DEFAULT_WORKER_ARGS);
    }
  }

  /** Whether this process was spawned as a worker (its environment carries the marker). */
  public static boolean isSpawnedWorker() {
    return System.getenv(WORKER_ENV_VAR) != null;
  }

  public static byte[] secret() {
    synchronized (LOCK) {
      if (secret == null) {
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        secret = s;
      }
      return secret.clone();
    }
  }

  public static RpcSettings settings() {
    synchronized (LOCK) {
      if (settings == null) {
        settings = RpcSettings.effective(programSettings);
      }
      return settings;
    }
  }

  /** The program's own settings, before any connection or spawn. */
  public static void setProgramSettings(RpcSettings.Builder builder) {
    synchronized (LOCK) {
      if (settings != null && builder != null) {
        throw new IllegalStateException("rpc-parallel settings are already in use; set them before the"
            + " first spawn, serve or connect");
      }
      programSettings = builder;
    }
  }

  /** Adopts what a spawned worker was told by its master. */
  public static void initWorker(String id, byte[] runSecret, RpcSettings masterSettings) {
    synchronized (LOCK) {
      workerId = id;
      secret = runSecret.clone();
      settings = masterSettings;
    }
  }

  /** This worker's id, or null in a master. */
  public static String workerId() {
    synchronized (LOCK) {
      return workerId;
    }
  }

  public static SpawnCommand spawnCommand() {
    synchronized (LOCK) {
      return spawnCommand;
    }
  }

  public static void setSpawnCommand(SpawnCommand command) {
    synchronized (LOCK) {
      spawnCommand = Objects.requireNonNull(command);
    }
  }

  /**
   * This process's transport, which servers and connections run on unless given their own: made
   * at first use, and anew once the one before was shut down.
   */
  public static Transport transport() {
    synchronized (LOCK) {
      if (transport == null || transport.isShutdown()) {
        transport = new Transport();
      }
      return transport;
    }
  }

  /** This process's transport if it has one now (made and not shut down), without making one. */
  public static Optional<Transport> transportIfMade() {
    synchronized (LOCK) {
      return transport == null || transport.isShutdown() ? Optional.empty() : Optional.of(transport);
    }
  }

  /** Shuts this process's transport down in order ({@link Transport#shutdown}), if it has one. */
  public static void shutdownTransport(Duration grace) {
    Transport t;
    synchronized (LOCK) {
      t = transport;
    }
    if (t != null) {
      t.shutdown(grace);
    }
  }

  /** This host's name, as put in {@code child-of-<pid>@<host>}. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "localhost";
    }
  }
}
