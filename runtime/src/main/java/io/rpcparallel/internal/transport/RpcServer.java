package io.rpcparallel.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.rpcparallel.LogRecord;
import io.rpcparallel.RpcException;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.StateStream;
import io.rpcparallel.WireInput;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.exec.Drainable;
import io.rpcparallel.internal.exec.Transport;
import io.rpcparallel.internal.gen.Dispatcher;
import io.rpcparallel.internal.gen.StreamCall;
import io.rpcparallel.internal.log.LogHub;
import io.rpcparallel.internal.log.LogRecordCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server for one interface: accepts connections, authenticates them, and dispatches their calls.
 * Answers the built-ins (shutdown, close-server, settings) itself.
 */
public final class RpcServer implements Drainable {
  private static final Logger log = LoggerFactory.getLogger(RpcServer.class);

  /** What the owner of a server hears about. */
  public interface Listener {
    default void opened(ServerConnection connection) {}

    default void closed(ServerConnection connection) {}

    /** A client asked the worker to shut down; the acknowledgement has been sent. */
    default void shutdownRequested() {}
  }

  /** Builds connection states, for a worker whose interface has a connect argument. */
  @FunctionalInterface
  public interface ConnectionStates {
    /** Decodes the connect argument and builds a connection's state from it (never null). */
    Object build(WireInput connectArg) throws Exception;
  }

  private final Transport transport;
  private final Endpoint endpoint;
  private final RpcSettings settings;
  private final byte[] secret;
  private final Function<ServerConnection, Dispatcher> dispatchers;
  private final Listener listener;
  private final ChannelGroup connections = new DefaultChannelGroup("rpc-parallel-connections",
      GlobalEventExecutor.INSTANCE);
  private final Set<ServerConnection> open = ConcurrentHashMap.newKeySet();
  private volatile Channel serverChannel;
  private volatile ConnectionStates connectionStates;
  private volatile IntFunction<String> methodNames = id -> String.format("method 0x%08x", id);
  private final RejectionLog rejections;
  /** The connections now authenticating: a flood of strangers holds at most this many places. */
  private final PreAuthLimit.Budget strangers = new PreAuthLimit.Budget(PreAuthLimit.MAX_CONNECTIONS);
  /** Calls running over every connection: counted without a lock, waited on (at zero) by {@link #drainAndClose}. */
  private final AtomicInteger callsRunning = new AtomicInteger();
  private final Object drained = new Object();
  private volatile boolean closed;
  private volatile boolean draining;
  private volatile TlsContexts tls;

  /** A server on this process's transport. */
  public RpcServer(Endpoint endpoint, RpcSettings settings, byte[] secret,
      Function<ServerConnection, Dispatcher> dispatchers, Listener listener) {
    this(RunContext.transport(), endpoint, settings, secret, dispatchers, listener);
  }

  /** A server on {@code transport}: its event loops, its call pool, and its shutdown. */
  public RpcServer(Transport transport, Endpoint endpoint, RpcSettings settings, byte[] secret,
      Function<ServerConnection, Dispatcher> dispatchers, Listener listener) {
    this.transport = transport;
    this.endpoint = endpoint;
    this.settings = settings;
    this.secret = secret;
    this.dispatchers = dispatchers;
    this.listener = listener;
    this.rejections = new RejectionLog(log, endpoint.interfaceName());
  }

  /** How errors name a method of this server's interface. Set before {@link #start}. */
  public RpcServer withMethodNames(IntFunction<String> names) {
    this.methodNames = names;
    return this;
  }

  /** The transport this server runs on. */
  Transport transport() {
    return transport;
  }

  String methodName(int methodId) {
    return methodNames.apply(methodId);
  }

  /**
   * Makes every connection build its state with {@code states} (the connect built-in) before it
   * may call anything. Set before {@link #start}.
   */
  public RpcServer withConnectionStates(ConnectionStates states) {
    this.connectionStates = states;
    return this;
  }

  /**
   * Makes every connection to this server run over TLS with {@code contexts}, or plain for null
   * (the default). Set before {@link #start}.
   */
  public RpcServer withTls(TlsContexts contexts) {
    this.tls = contexts;
    return this;
  }

  /** Whether connections to this server run over TLS. */
  public boolean tls() {
    return tls != null;
  }

  ConnectionStates connectionStates() {
    return connectionStates;
  }

  /** Binds to {@code host} on an ephemeral port; an empty host is every address of this machine. */
  public RpcServer start(String host) {
    transport.limitCallThreads(settings.maxThreads());
    try {
      serverChannel = transport.serverBootstrap()
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              connections.add(ch);
              TlsContexts t = tls;
              Pipelines.initHandshake(ch.pipeline(), t == null ? null : t.serverHandler(ch,
                  settings.handshakeTimeout()), new ServerHandshakeHandler(endpoint, settings, secret, rejections,
                  ctx -> {
                    PreAuthLimit.lift(ch.pipeline());
                    ServerConnection c = new ServerConnection(RpcServer.this, ch, settings);
                    c.setDispatcher(dispatchers.apply(c));
                    Pipelines.authenticated(ch.pipeline(), settings, c);
                    open.add(c);
                    listener.opened(c);
                  }));
              PreAuthLimit.install(ch.pipeline(), strangers, rejections);
            }
          })
          .bind(host.isEmpty() ? new InetSocketAddress(0) : new InetSocketAddress(host, 0)).sync().channel();
      transport.track(this);
      return this;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException("interrupted while starting the server for " + endpoint.interfaceName());
    } catch (Exception e) {
      // Netty's sync() rethrows a failed bind's BindException unchecked.
      throw new RpcException("could not start the server for " + endpoint.interfaceName() + " on " + host + ": " + e, e);
    }
  }

  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  public RpcSettings settings() {
    return settings;
  }

  /** Stops accepting connections; open ones keep working. */
  public void closeServer() {
    Channel ch = serverChannel;
    if (ch != null) {
      ch.close().syncUninterruptibly();
    }
  }

  /** Stops accepting and closes every connection, waiting for them to close. */
  public void close() {
    closed = true;
    closeServer();
    connections.close().awaitUninterruptibly(5_000);
    transport.untrack(this);
  }

  /** Whether {@link #close} (or a drain) has closed this server. */
  public boolean isClosed() {
    return closed;
  }

  /** The authenticated connections now open. */
  public Set<ServerConnection> openConnections() {
    return Set.copyOf(open);
  }

  void callStarted() {
    callsRunning.incrementAndGet();
  }

  void callEnded() {
    // Only a drain waits: it sets draining before it looks at the count under the same monitor.
    if (callsRunning.decrementAndGet() == 0 && draining) {
      synchronized (drained) {
        drained.notifyAll();
      }
    }
  }

  /** Whether the server is draining for a shutdown: calls not yet started are refused. */
  boolean draining() {
    return draining;
  }

  /**
   * Shuts the server down in order: stops accepting, lets the calls in flight finish (at most
   * {@code grace}; calls that had not started yet are refused with a clear error), then closes
   * every connection. Returns whether every call finished in time.
   */
  @Override
  public boolean drainAndClose(Duration grace) {
    closeServer();
    draining = true;
    boolean done;
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (drained) {
      while (callsRunning.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(drained, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      done = callsRunning.get() == 0;
    }
    close();
    return done;
  }

  void connectionClosed(ServerConnection c) {
    if (open.remove(c)) {
      listener.closed(c);
    }
  }

  void builtin(ServerConnection c, int id, WireInput args, ServerConnection.CallResponder responder) {
    try {
      switch (id) {
        case io.rpcparallel.internal.wire.Frames.BUILTIN_SHUTDOWN -> {
          responder.reply(out -> {});
          listener.shutdownRequested();
        }
        case io.rpcparallel.internal.wire.Frames.BUILTIN_CLOSE_SERVER -> {
          closeServer();
          responder.reply(out -> {});
        }
        case io.rpcparallel.internal.wire.Frames.BUILTIN_SETTINGS ->
            responder.reply(out -> SettingsCodec.encode(out, settings));
        case io.rpcparallel.internal.wire.Frames.BUILTIN_LOGS -> {
          // Subscribed before the reply goes: the caller gets every record logged after it returns.
          StreamCall call = responder.stream(args);
          Flow.Publisher<LogRecord> records = LogHub.get().open();
          call.state(new StateStream<>(null, records), (out, none) -> {}, LogRecordCodec.INSTANCE);
        }
        case io.rpcparallel.internal.wire.Frames.BUILTIN_CONNECT -> c.buildState(connectionStates, args, responder);
        case io.rpcparallel.internal.wire.Frames.BUILTIN_PROCESS_STATS -> {
          ProcessStats stats = ProcessStats.sample();
          responder.reply(stats::encode);
        }
        default -> responder.unknownMethod(id);
      }
    } catch (RuntimeException e) {
      log.debug("built-in {} failed", id, e);
      responder.fail(e);
    }
  }
}
