package io.rpcparallel.internal.dashboard;

import io.rpcparallel.internal.RunContext;

/**
 * Whether the settings ask for a dashboard, and whether one ever started: kept apart from
 * {@link DashboardServer} so that a program that never runs a dashboard never loads it, nor
 * Netty's HTTP codec (a program on the module path need not add {@code io.netty.codec.http}).
 */
public final class DashboardSettings {
  /** The system property that starts a dashboard at the first spawn: see {@link #startIfConfigured}. */
  public static final String PROPERTY = "rpcparallel.dashboard";
  /** The environment variable that does the same, when the property is not set. */
  public static final String ENV_VAR = "RPC_PARALLEL_DASHBOARD";

  private static volatile boolean configChecked;
  /** Whether a dashboard may run now: set before one starts, cleared when the runtime stops it. */
  private static volatile boolean started;

  private DashboardSettings() {}

  /**
   * Starts this process's dashboard if {@link #PROPERTY} (else {@link #ENV_VAR}) asks for one and
   * none runs: {@code true} (loopback, a free port), {@code <port>} (loopback) or
   * {@code <address>:<port>}. Looks once per run of the runtime; never in a spawned worker (which
   * inherits both). A value it cannot read, or a port it cannot listen on, is said on stderr, and
   * the program goes on without a dashboard.
   */
  public static void startIfConfigured() {
    if (configChecked) {
      return;
    }
    synchronized (DashboardSettings.class) {
      if (configChecked) {
        return;
      }
      configChecked = true;
      if (RunContext.isSpawnedWorker()) {
        return;
      }
      String v = System.getProperty(PROPERTY);
      String from = PROPERTY;
      if (v == null) {
        v = System.getenv(ENV_VAR);
        from = ENV_VAR;
      }
      if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("false")) {
        return;
      }
      v = v.trim();
      try {
        requireHttpCodec();
        if (v.equalsIgnoreCase("true")) {
          DashboardServer.startOrGet(DashboardServer.loopback(), 0);
        } else if (v.matches("\\d+")) {
          DashboardServer.startOrGet(DashboardServer.loopback(), Integer.parseInt(v));
        } else if (v.matches(".+:\\d+")) {
          int colon = v.lastIndexOf(':');
          String address = v.substring(0, colon);
          if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
          }
          DashboardServer.startOrGet(address, Integer.parseInt(v.substring(colon + 1)));
        } else {
          System.err.println("rpc-parallel: no dashboard: " + from + "=" + v + " is not true, false, <port> or"
              + " <address>:<port>");
        }
      } catch (RuntimeException | LinkageError e) {
        System.err.println("rpc-parallel: no dashboard (" + from + "=" + v + "): " + e.getMessage());
      }
    }
  }

  /**
   * Checks that Netty's HTTP codec, which serves the dashboard, can be loaded, before anything
   * loads {@link DashboardServer}.
   *
   * @throws IllegalStateException saying what to add, if it cannot
   */
  public static void requireHttpCodec() {
    try {
      Class.forName("io.netty.handler.codec.http.HttpServerCodec", false, DashboardSettings.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("the dashboard needs Netty's HTTP codec (netty-codec-http), which this program"
          + " cannot load: a program on the module path adds --add-modules io.netty.codec.http", e);
    }
  }

  /** Notes that a dashboard is starting, so that {@link #stopIfStarted} stops it. */
  static void starting() {
    started = true;
  }

  /**
   * Stops this process's dashboard if one was started (without loading the dashboard's classes
   * otherwise); the next spawn looks at the settings again.
   */
  public static void stopIfStarted() {
    configChecked = false;
    if (started) {
      started = false;
      DashboardServer.stopCurrent();
    }
  }

  /** Has the next spawn look at the settings again. */
  static void recheck() {
    configChecked = false;
  }
}
