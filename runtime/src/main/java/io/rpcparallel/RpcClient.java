package io.rpcparallel;

/** What every generated client ({@code XClient}) offers besides its interface's methods. */
public interface RpcClient extends AutoCloseable {
  /** {@return the worker's built-ins, and this connection's state} */
  WorkerControl<?> control();

  /** Closes this connection (in {@code CONNECTION_CLOSED} mode, the worker then exits). Idempotent. */
  @Override
  void close();
}
