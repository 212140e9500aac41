package io.rpcparallel;

/** The built-ins every worker answers, reached through a connection to it. */
public interface WorkerControl {
  /** The handle of the worker this connection reaches. */
  Worker<?> worker();

  /** Asks the worker to exit, and waits until it has acknowledged. The connection closes. */
  void shutdown();

  /** Makes the worker stop accepting connections; open ones, this one included, keep working. */
  void closeServer();

  /** The worker's effective settings. */
  RpcSettings settings();

  /** Completes (normally) when this connection has closed, whatever closed it. */
  java.util.concurrent.CompletableFuture<Void> closed();
}
