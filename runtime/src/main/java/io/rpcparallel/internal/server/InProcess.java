package io.rpcparallel.internal.server;

import io.rpcparallel.InProcessServer;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.gen.WorkerType;
import io.rpcparallel.internal.transport.Endpoint;
import io.rpcparallel.internal.transport.RpcServer;
import io.rpcparallel.internal.transport.Security;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A worker server inside the current JVM. */
public final class InProcess<X> implements InProcessServer<X> {
  private static final AtomicLong COUNTER = new AtomicLong();
  /** The servers {@code serve} started that are not closed yet: for leftover checks (rpc-parallel-junit). */
  private static final Set<InProcess<?>> OPEN = ConcurrentHashMap.newKeySet();

  private final RpcServer server;
  private final Worker<X> worker;

  private InProcess(WorkerType<X, ?> type, X implementation) {
    Objects.requireNonNull(implementation, "implementation");
    if (type.hasConnectArg() && !(implementation instanceof io.rpcparallel.ConnectionStateFactory)) {
      throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement"
          + " ConnectionStateFactory: " + type.interfaceName() + " has a connect argument");
    }
    server = new RpcServer(new Endpoint(type.interfaceName(), type.fingerprint()), RunContext.settings(),
        RunContext.secret(), c -> type.dispatcher(implementation), new RpcServer.Listener() {})
        .withConnectionStates(type.hasConnectArg() ? arg -> type.connectionState(implementation, arg) : null)
        .withTls(Security.serverTls(RunContext.settings(), false, "127.0.0.1") ? Security.contexts() : null)
        .withMethodNames(type::methodName)
        .start("127.0.0.1");
    worker = new Worker<>(type.interfaceName(), type.fingerprint(), "127.0.0.1", server.port(),
        "in-process-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet(), Optional.empty(), server.tls());
    OPEN.add(this);
  }

  public static <X> InProcessServer<X> serve(WorkerType<X, ?> type, X implementation) {
    return new InProcess<>(type, implementation);
  }

  @Override
  public Worker<X> worker() {
    return worker;
  }

  @Override
  public void closeServer() {
    server.closeServer();
  }

  @Override
  public void close() {
    server.close();
    OPEN.remove(this);
  }

  /**
   * The servers {@code serve} started in this process that are still open: neither closed with
   * {@link #close()} nor by the runtime's shutdown. A server whose {@link #closeServer()} was
   * called counts until it is closed (its connections keep working).
   */
  public static List<InProcessServer<?>> openNow() {
    OPEN.removeIf(s -> s.server.isClosed());
    return List.copyOf(OPEN);
  }
}
