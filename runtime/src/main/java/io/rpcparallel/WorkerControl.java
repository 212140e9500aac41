package io.rpcparallel;

/**
 * The built-ins every worker answers, reached through a connection to it.
 *
 * @param <X> the worker interface (a generated client's {@code control()} gives {@code WorkerControl<X>})
 */
public interface WorkerControl<X> {
  /** {@return the handle of the worker this connection reaches, to pass to other workers as it is} */
  Worker<X> worker();

  /**
   * {@return whether this connection runs over mutual TLS} It does when the settings'
   * {@code transport_security} calls for it (see {@link RpcSettings.TransportSecurity}).
   */
  boolean encrypted();

  /** Asks the worker to exit, and waits until it has acknowledged. The connection closes. */
  void shutdown();

  /** Makes the worker stop accepting connections; open ones, this one included, keep working. */
  void closeServer();

  /** {@return the worker's effective settings} */
  RpcSettings settings();

  /**
   * Subscribes to the worker's log stream, and returns once the worker has registered the
   * subscription: every record the worker logs from then on (through {@link WorkerLog}) is
   * delivered to the returned publisher's subscriber, and none logged before. Subscribe to the
   * publisher once; until then, and while the subscriber does not request, records wait (a few
   * in flight, a bounded number on the worker, beyond which the worker drops records and says
   * how many). Cancelling the subscription ends this stream only; other subscriptions, from this
   * connection or others, carry on. The stream ends with the connection.
   *
   * @return the worker's log records from now on
   */
  java.util.concurrent.Flow.Publisher<LogRecord> logs();

  /** {@return a future that completes (normally) when this connection has closed, whatever closed it} */
  java.util.concurrent.CompletableFuture<Void> closed();
}
