package io.rpcparallel.internal.app;

import io.rpcparallel.Foreground;
import io.rpcparallel.InProcessServer;
import io.rpcparallel.RpcClient;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.gen.RpcConnection;
import io.rpcparallel.internal.gen.WorkerType;
import io.rpcparallel.internal.gen.AppMain;
import io.rpcparallel.internal.server.InProcess;
import io.rpcparallel.internal.dashboard.DashboardSettings;
import io.rpcparallel.internal.spawn.Spawner;
import io.rpcparallel.internal.transport.ClientConnection;
import java.util.function.Function;

/** The runtime entry points the generated {@code XRpc} classes call. For generated code only. */
public final class Rpc {
  private Rpc() {}

  /** The spawner, once the dashboard the settings ask for (if any) runs: it shows every spawn. */
  private static Spawner spawner() {
    DashboardSettings.startIfConfigured();
    return Spawner.get();
  }

  /** Spawns a worker and returns its handle once it is initialised. */
  public static <X, I> Worker<X> spawn(WorkerType<X, I> type, Class<? extends X> implementation,
      I init, SpawnOptions options) {
    return spawner().spawn(type, implementation, init, options).worker();
  }

  /** Spawns a worker and opens its first connection. */
  public static <X, I> RpcConnection spawnAndConnect(WorkerType<X, I> type,
      Class<? extends X> implementation, I init, SpawnOptions options) {
    return spawner().spawnAndConnect(type, implementation, init, options);
  }

  /**
   * Spawns a worker and opens its first connection, whose state the worker builds from
   * {@code connectArg}.
   */
  public static <X, I, A> RpcConnection spawnAndConnect(WorkerType<X, I> type,
      Class<? extends X> implementation, I init, A connectArg, SpawnOptions options) {
    return spawner().spawnAndConnect(type, implementation, init, connectArg, options);
  }

  /** As {@link #spawnForeground}, with the first connection's state built from {@code connectArg}. */
  public static <X, I, A, C extends RpcClient> Foreground<C> spawnForeground(WorkerType<X, I> type,
      Class<? extends X> implementation, I init, A connectArg, SpawnOptions options,
      Function<RpcConnection, C> client) {
    return spawner().spawnForeground(type, implementation, init, connectArg, options, client);
  }

  /** Spawns a worker in the foreground: its first connection and its {@link Process}. */
  public static <X, I, C extends RpcClient> Foreground<C> spawnForeground(WorkerType<X, I> type,
      Class<? extends X> implementation, I init, SpawnOptions options,
      Function<RpcConnection, C> client) {
    return spawner().spawnForeground(type, implementation, init, options, client);
  }

  /** Opens a connection to a running worker. */
  public static <X> RpcConnection connect(WorkerType<X, ?> type, Worker<X> worker) {
    return Spawner.get().connector().connect(type, worker);
  }

  /** Opens a connection to a running worker, whose state the worker builds from {@code connectArg}. */
  public static <X, A> RpcConnection connect(WorkerType<X, ?> type, Worker<X> worker, A connectArg) {
    return Spawner.get().connector().connect(type, worker, connectArg);
  }

  /** Runs a worker server for {@code implementation} inside this JVM. */
  public static <X> InProcessServer<X> serve(WorkerType<X, ?> type, X implementation) {
    return InProcess.serve(type, implementation);
  }

  /** Waits for a call's result as {@code RpcConnection.callBlocking} does. */
  public static <R> R await(java.util.concurrent.CompletableFuture<R> result) {
    return ClientConnection.await(result);
  }

  /**
   * The body of a generated routing main: becomes a worker when {@code args} are the worker
   * command args (and never returns), otherwise runs {@code main}.
   */
  public static void runApp(Class<?> router, String[] args, AppMain main) throws Exception {
    AppRouter.run(router, args, main);
  }
}
