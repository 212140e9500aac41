package io.rpcparallel;

import java.util.Objects;

/**
 * A worker spawned in the foreground: its connection and its {@link Process}, whose stdout and
 * stderr the caller reads when they were redirected to {@link Redirect#pipe()}.
 *
 * @param client the connected client
 * @param process the worker process
 * @param <C> the generated client type
 */
public record Foreground<C extends RpcClient>(C client, Process process) implements AutoCloseable {
  /**
   * Holds a connected client and its worker's process; neither may be null.
   *
   * @param client the connected client
   * @param process the worker process
   */
  public Foreground {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(process, "process");
  }

  /** Closes the client; in {@code CONNECTION_CLOSED} mode the worker then exits. */
  @Override
  public void close() {
    client.close();
  }
}
