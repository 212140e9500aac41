package io.rpcparallel.internal.client;

import io.rpcparallel.Worker;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.gen.RpcConnection;
import io.rpcparallel.internal.gen.WorkerType;
import io.rpcparallel.internal.transport.ClientConnection;
import io.rpcparallel.internal.transport.Endpoint;
import java.time.Duration;

/** Opens connections to running workers from their handles. */
public final class Connector {
  /** The default time to connect and authenticate. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Connector INSTANCE = new Connector();

  private Connector() {}

  public static Connector get() {
    return INSTANCE;
  }

  /** Connects, then builds the connection's state from {@code connectArg} when the type has one. */
  public <X> RpcConnection connect(WorkerType<X, ?> type, Worker<X> worker, Object connectArg) {
    return withState(type, (ClientConnection) connect(type, worker), connectArg);
  }

  /** Builds {@code c}'s state from {@code connectArg} when the type has a connect argument; closes {@code c} on failure. */
  public static ClientConnection withState(WorkerType<?, ?> type, ClientConnection c, Object connectArg) {
    if (type.hasConnectArg()) {
      c.buildState(out -> type.encodeConnectArg(out, connectArg));
    }
    return c;
  }

  public <X> RpcConnection connect(WorkerType<X, ?> type, Worker<X> worker) {
    if (!worker.interfaceName().equals(type.interfaceName())) {
      throw new IllegalArgumentException("the handle is of a " + worker.interfaceName() + " worker, not "
          + type.interfaceName());
    }
    return ClientConnection.open(new Endpoint(type.interfaceName(), type.fingerprint()), worker,
        RunContext.settings(), RunContext.secret(), CONNECT_TIMEOUT);
  }
}
