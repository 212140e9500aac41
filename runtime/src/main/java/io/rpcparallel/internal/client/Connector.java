package io.rpcparallel.internal.client;

import io.rpcparallel.Worker;
import io.rpcparallel.internal.MethodNames;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.exec.Transport;
import io.rpcparallel.internal.gen.RpcConnection;
import io.rpcparallel.internal.gen.WorkerType;
import io.rpcparallel.internal.transport.ClientConnection;
import io.rpcparallel.internal.transport.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Opens connections to running workers from their handles, on a transport, with a death reporter
 * that explains a worker that went (its spawner's), and keeps the ones still open for
 * {@code RpcParallel.status()}.
 */
public final class Connector {
  /** The default time to connect and authenticate. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Supplier<Transport> transport;
  private final ClientConnection.DeathReporter deaths;
  /** The connections opened here and not yet seen closed. */
  private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();

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
    MethodNames.register(type.interfaceName(), type::methodName);
    ClientConnection c = ClientConnection.open(transport.get(), deaths,
        new Endpoint(type.interfaceName(), type.fingerprint()), worker, RunContext.settings(), RunContext.secret(),
        timeout);
    open.add(c);
    c.closed().whenComplete((v, e) -> open.remove(c));
    return c;
  }

  /**
   * The connections opened here that are open now. Those that closed but were not yet removed
   * (their close is told on an executor, which a runtime shut down no longer runs) are dropped here.
   */
  public List<ClientConnection> openConnections() {
    open.removeIf(c -> !c.isOpen());
    return List.copyOf(open);
  }
}
