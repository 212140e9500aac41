package io.rpcparallel;

import io.rpcparallel.internal.dashboard.DashboardServer;
import io.rpcparallel.internal.dashboard.DashboardSettings;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * This process's live dashboard: a web page, served by this process, that shows its workers, the
 * calls made to them, its map-reduce jobs and its workers' logs, updated twice a second. Start it
 * with {@link RpcParallel#startDashboard()}, or without a code change with the system property
 * {@value #PROPERTY} or the environment variable {@value #ENV_VAR}.
 *
 * <p>Its {@link #url()} carries a random token: every request without it gets 403. It listens on
 * loopback unless given another address.
 */
public final class Dashboard implements AutoCloseable {
  /**
   * The system property that starts a dashboard at this process's first spawn: {@code true}
   * (loopback, a free port), {@code <port>} (loopback) or {@code <address>:<port>}.
   */
  public static final String PROPERTY = DashboardSettings.PROPERTY;
  /** The environment variable read as {@link #PROPERTY} when that is not set. */
  public static final String ENV_VAR = DashboardSettings.ENV_VAR;

  private final DashboardServer server;

  Dashboard(DashboardServer server) {
    this.server = server;
  }

  /** {@return the page's address, token included: open it in a browser} */
  public URI url() {
    return server.url();
  }

  /** {@return the address and port the dashboard listens on} */
  public InetSocketAddress address() {
    return server.address();
  }

  /** Stops the dashboard: it stops listening and closes the pages' connections. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "rpc-parallel dashboard at " + url();
  }
}
