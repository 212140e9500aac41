package io.rpcparallel;

/**
 * Implemented by a worker's implementation whose interface declares a connect argument
 * ({@code @RpcWorker(connectArg = A.class)}): builds the state of each connection to the worker.
 *
 * <p>The implementation object itself is the worker state: built once per worker from the
 * spawn-time init argument and shared by every connection. The connection state is built by
 * {@link #connect} once per connection, from the argument the client gives to
 * {@code XRpc.connect(worker, arg)} (or {@code spawnAndConnect}), before that call returns. The
 * worker's methods reach the state of the connection they were called on with
 * {@link ConnectionContext#state(Class)}.
 *
 * <p>{@code connect} runs on an executor thread, concurrently with calls on other connections.
 * An exception thrown from it fails the client's {@code connect} with the exception's class and
 * message, and the worker closes that connection; the worker and its other connections carry on.
 *
 * @param <A> the connect argument's type, a wire type
 * @param <S> the connection state's type (any type: it never leaves the worker)
 */
@FunctionalInterface
public interface ConnectionStateFactory<A, S> {
  /**
   * Builds the state of a new connection from the client's connect argument.
   *
   * @param arg the client's connect argument
   * @return the connection's state
   * @throws Exception if the connection must not be opened: the client's {@code connect} fails
   *     with its class and message
   */
  S connect(A arg) throws Exception;
}
