package io.rpcparallel.internal.client;

import io.rpcparallel.Worker;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.exec.Transport;
import io.rpcparallel.internal.gen.RpcConnection;
import io.rpcparallel.internal.gen.WorkerType;
import io.rpcparallel.internal.metrics.CallMetrics;
import io.rpcparallel.internal.transport.ClientConnection;
import io.rpcparallel.internal.transport.Endpoint;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Opens connections to running workers from their handles, on a transport, with a death reporter
 * that explains a worker that went (its spawner's).
 */
public final class Connector {
  /** The default time to connect and authenticate. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Supplier<Transport> transport;
  private final ClientConnection.DeathReporter deaths;

  /**
   * @param transport the transport each connection runs on, asked at each connect
   * @param deaths says why a worker went when its connection drops with calls waiting
   */
  public Connector(Supplier<Transport> transport, ClientConnection.DeathReporter deaths) {
    this.transport = transport;
    this.deaths = deaths;
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
    return open(type, worker, CONNECT_TIMEOUT);
  }

  /** Connects to {@code worker}, expecting it to serve {@code type}, within {@code timeout}. */
  public ClientConnection open(WorkerType<?, ?> type, Worker<?> worker, Duration timeout) {
    CallMetrics.describe(type.interfaceName(), type::methodName);
    return ClientConnection.open(transport.get(), deaths, new Endpoint(type.interfaceName(), type.fingerprint()),
        worker, RunContext.settings(), RunContext.secret(), timeout);
  }
}
