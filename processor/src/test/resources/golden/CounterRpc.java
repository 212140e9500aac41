package demo;

import io.rpcparallel.Foreground;
import io.rpcparallel.InProcessServer;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.app.Rpc;
import io.rpcparallel.internal.gen.Dispatcher;
import io.rpcparallel.internal.gen.WorkerType;
import javax.annotation.processing.Generated;

/**
 * Spawns, connects to and serves {@link Counter} workers.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public final class CounterRpc {
  /**
   * A digest of {@link Counter}'s method ids and the shapes of its wire types; a client and a
   * worker check at the handshake that theirs are the same.
   */
  public static final String FINGERPRINT = "f3e228713df0f01c";

  /**
   * The wire id of {@code Counter.add}, from {@code add(long)}.
   */
  static final int ADD_LONG = 0xb1e22cac;

  /**
   * The wire id of {@code Counter.add}, from {@code add(long,int)}.
   */
  static final int ADD_LONG_INT = 0x859d40dc;

  /**
   * The wire id of {@code Counter.submit}, from {@code submit(demo.Job,demo.Priority)}.
   */
  static final int SUBMIT = 0x01bd4864;

  /**
   * The wire id of {@code Counter.stats}, from {@code stats(java.util.Optional)}.
   */
  static final int STATS = 0x99269d7d;

  /**
   * The wire id of {@code Counter.reset}, from {@code reset()}.
   */
  static final int RESET = 0xd493d79b;

  /**
   * The wire id of {@code Counter.log}, from {@code log(java.lang.String)}.
   */
  static final int LOG = 0x81e56362;

  /**
   * The wire id of {@code Counter.histogram}, from {@code histogram(java.util.List,byte[])}.
   */
  static final int HISTOGRAM = 0xdd6668fc;

  /**
   * The wire id of {@code Counter.ping}, from {@code ping-v1(java.lang.Integer)}.
   */
  static final int PING = 0x27c0684e;

  /**
   * The wire id of {@code Counter.clear}, from {@code clear()}.
   */
  static final int CLEAR = 0x1b1fa99b;

  /**
   * What the runtime knows of {@link Counter}.
   */
  public static final WorkerType<Counter, CounterConfig> TYPE = new WorkerType<Counter, CounterConfig>(CounterRpc.class,
      Counter.class, FINGERPRINT, CounterConfig.class, CounterCodecs.COUNTER_CONFIG) {
    @Override
    public Dispatcher dispatcher(Counter implementation) {
      return new CounterDispatcher(implementation);
    }
  };

  private CounterRpc() {
  }

  /**
   * Spawns a {@link Counter} worker running {@code implementation},
   * built from {@code init}, and returns its handle once it is initialised.
   * Connect to it with {@link #connect}.
   */
  public static Worker<Counter> spawn(Class<? extends Counter> implementation, CounterConfig init,
      SpawnOptions options) {
    return Rpc.spawn(TYPE, implementation, init, options);
  }

  /**
   * Spawns a {@link Counter} worker running {@code implementation},
   * built from {@code init}, and connects to it. Closing the client ends the worker
   * unless the options say otherwise.
   */
  public static CounterClient spawnAndConnect(Class<? extends Counter> implementation,
      CounterConfig init, SpawnOptions options) {
    return new CounterClient(Rpc.spawnAndConnect(TYPE, implementation, init, options));
  }

  /**
   * Spawns a {@link Counter} worker running {@code implementation},
   * built from {@code init}, and connects to it. The result also holds the worker's
   * {@link Process}, whose output the caller can read.
   */
  public static Foreground<CounterClient> spawnForeground(Class<? extends Counter> implementation,
      CounterConfig init, SpawnOptions options) {
    return Rpc.spawnForeground(TYPE, implementation, init, options, CounterClient::new);
  }

  /**
   * Opens a new connection to a running {@link Counter} worker.
   */
  public static CounterClient connect(Worker<Counter> worker) {
    return new CounterClient(Rpc.connect(TYPE, worker));
  }

  /**
   * Runs a {@link Counter} worker server for {@code implementation} inside this JVM.
   */
  public static InProcessServer<Counter> serve(Counter implementation) {
    return Rpc.serve(TYPE, implementation);
  }
}
