package io.rpcparallel.internal.gen;

import io.rpcparallel.WireOutput;
import io.rpcparallel.WorkerControl;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One authenticated connection to a worker, as the generated client sees it. Many calls may be
 * in flight at once. For generated code only.
 */
public interface RpcConnection extends AutoCloseable {
  /**
   * Sends a call. The arguments are written by {@code args} on the calling thread before this
   * returns; the future completes with the decoded result, or with {@code RemoteException},
   * {@code WorkerDiedException} or another {@code RpcException}. It is never completed on an
   * event loop thread.
   */
  <R> CompletableFuture<R> call(int methodId, Consumer<WireOutput> args, ResultReader<R> result);

  /**
   * Sends a call and waits for its result, rethrowing its failure as it is (an unchecked
   * {@code RpcException}); an interrupt fails the wait with {@code RpcException} and keeps the
   * thread's interrupt flag set.
   */
  <R> R callBlocking(int methodId, Consumer<WireOutput> args, ResultReader<R> result);

  /** Sends a one-way call; returns once it is handed to the connection. */
  void oneWay(int methodId, Consumer<WireOutput> args);

  /** The streaming calls of this connection (pipes, reverse pipes, state calls). */
  default StreamCalls streams() {
    throw new UnsupportedOperationException("this connection does not carry streams");
  }

  /** The worker's built-ins: shutdown, close-server, settings, its handle. */
  WorkerControl<?> control();

  /** Closes this connection. Calls in flight fail. Idempotent. */
  @Override
  void close();
}
