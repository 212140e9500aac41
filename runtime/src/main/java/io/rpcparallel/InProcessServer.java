package io.rpcparallel;

/**
 * A worker server running inside this JVM ({@code XRpc.serve}). Clients connect to
 * {@link #worker()} like to any worker.
 *
 * @param <X> the worker interface
 */
public interface InProcessServer<X> extends AutoCloseable {
  /** {@return the handle clients connect to} */
  Worker<X> worker();

  /** Stops accepting connections; open ones keep working. */
  void closeServer();

  /** Stops accepting and closes every connection. */
  @Override
  void close();
}
