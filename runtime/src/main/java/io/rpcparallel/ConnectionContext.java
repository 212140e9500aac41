package io.rpcparallel;

import io.rpcparallel.internal.transport.CurrentConnection;
import java.util.Optional;

/**
 * The connection a worker method was called on, as seen from inside the method.
 *
 * <p>The runtime sets it on the thread that runs a worker method, for the duration of that
 * method: a method that completes a {@code CompletableFuture} later, or writes to a stream from
 * another thread, reads what it needs before it returns.
 */
public final class ConnectionContext {
  private ConnectionContext() {}

  /**
   * The state {@link ConnectionStateFactory#connect} built for the connection the running worker
   * method was called on.
   *
   * @param type the connection state's type
   * @param <S> the connection state's type
   * @return the state of the current connection
   * @throws IllegalStateException outside a worker method, or when the worker's interface has no
   *     connect argument
   * @throws ClassCastException if the state is not a {@code type}
   */
  public static <S> S state(Class<S> type) {
    return type.cast(stateIfAny().orElseThrow(() -> new IllegalStateException(
        "no connection state here: ConnectionContext.state is for worker methods (on the thread that runs"
            + " them) of an interface with @RpcWorker(connectArg = ...)")));
  }

  /** {@return the running worker method's connection state, if it has one} */
  public static Optional<Object> stateIfAny() {
    return Optional.ofNullable(CurrentConnection.state());
  }
}
