package io.rpcparallel.internal.server;

import io.rpcparallel.InProcessServer;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.gen.WorkerType;
import io.rpcparallel.internal.transport.Endpoint;
import io.rpcparallel.internal.transport.RpcServer;
import io.rpcparallel.internal.transport.Security;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A worker server inside the current JVM. */
public final class InProcess<X> implements InProcessServer<X> {
  private static final AtomicLong COUNTER = new AtomicLong();

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
  }
}
