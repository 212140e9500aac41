package demo;

import io.rpcparallel.Codecs;
import io.rpcparallel.ConnectionStateFactory;
import io.rpcparallel.Foreground;
import io.rpcparallel.InProcessServer;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.app.Rpc;
import io.rpcparallel.internal.gen.Dispatcher;
import io.rpcparallel.internal.gen.WorkerType;
import javax.annotation.processing.Generated;

/**
 * Spawns, connects to and serves {@link Feed} workers.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public final class FeedRpc {
  /**
   * A digest of {@link Feed}'s method ids and the shapes of its wire types; a client and a
   * worker check at the handshake that theirs are the same.
   */
  public static final String FINGERPRINT = "ef8157851c5ad7f7";

  /**
   * The wire id of {@code Feed.count}, from {@code count(long)}.
   */
  static final int COUNT = 0x2405aee4;

  /**
   * The wire id of {@code Feed.ticks}, from {@code ticks(java.lang.String,int,io.rpcparallel.StreamWriter)}.
   */
  static final int TICKS = 0x5bd4eac0;

  /**
   * The wire id of {@code Feed.sum}, from {@code sum(java.lang.String,java.util.concurrent.Flow.Publisher)}.
   */
  static final int SUM = 0xef0a25df;

  /**
   * The wire id of {@code Feed.drain}, from {@code drain(java.util.concurrent.Flow.Publisher)}.
   */
  static final int DRAIN = 0xd841462b;

  /**
   * The wire id of {@code Feed.sink}, from {@code sink(java.lang.String)}.
   */
  static final int SINK = 0xab3c56b6;

  /**
   * The wire id of {@code Feed.watch}, from {@code watch()}.
   */
  static final int WATCH = 0x6cc0e48e;

  /**
   * What the runtime knows of {@link Feed}.
   */
  public static final WorkerType<Feed, Void> TYPE = new WorkerType<Feed, Void>(FeedRpc.class,
      Feed.class, FINGERPRINT, Void.class, Codecs.VOID, Feed.Session.class, FeedCodecs.SESSION) {
    @Override
    public Dispatcher dispatcher(Feed implementation) {
      return new FeedDispatcher(implementation);
    }
  };

  private FeedRpc() {
  }

  /**
   * Spawns a {@link Feed} worker running {@code implementation},
   * built by its no-argument constructor, and returns its handle once it is initialised.
   * Connect to it with {@link #connect}.
   */
  public static <T extends Feed & ConnectionStateFactory<Feed.Session, ?>> Worker<Feed> spawn(
      Class<T> implementation, SpawnOptions options) {
    return Rpc.spawn(TYPE, implementation, null, options);
  }

  /**
   * Spawns a {@link Feed} worker running {@code implementation},
   * built by its no-argument constructor, and connects to it;
   * the worker builds the connection's state from {@code connectArg}. Closing the client ends the worker
   * unless the options say otherwise.
   */
  public static <T extends Feed & ConnectionStateFactory<Feed.Session, ?>> FeedClient spawnAndConnect(
      Class<T> implementation, Feed.Session connectArg, SpawnOptions options) {
    return new FeedClient(Rpc.spawnAndConnect(TYPE, implementation, null, connectArg, options));
  }

  /**
   * Spawns a {@link Feed} worker running {@code implementation},
   * built by its no-argument constructor, and connects to it;
   * the worker builds the connection's state from {@code connectArg}. The result also holds the worker's
   * {@link Process}, whose output the caller can read.
   */
  public static <T extends Feed & ConnectionStateFactory<Feed.Session, ?>> Foreground<FeedClient> spawnForeground(
      Class<T> implementation, Feed.Session connectArg, SpawnOptions options) {
    return Rpc.spawnForeground(TYPE, implementation, null, connectArg, options, FeedClient::new);
  }

  /**
   * Opens a new connection to a running {@link Feed} worker,
   * which builds the connection's state from {@code connectArg} before this returns.
   */
  public static FeedClient connect(Worker<Feed> worker, Feed.Session connectArg) {
    return new FeedClient(Rpc.connect(TYPE, worker, connectArg));
  }

  /**
   * Runs a {@link Feed} worker server for {@code implementation} inside this JVM.
   */
  public static <T extends Feed & ConnectionStateFactory<Feed.Session, ?>> InProcessServer<Feed> serve(
      T implementation) {
    return Rpc.serve(TYPE, implementation);
  }
}
