package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.rpcparallel.ConnectionException;
import io.rpcparallel.LogRecord;
import io.rpcparallel.RpcException;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerControl;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.WireOutput;
import io.rpcparallel.internal.Jfr;
import io.rpcparallel.internal.MethodNames;
import io.rpcparallel.internal.RpcEvents;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.exec.Transport;
import io.rpcparallel.internal.metrics.CallMetrics;
import io.rpcparallel.internal.gen.ResultReader;
import io.rpcparallel.internal.gen.RpcConnection;
import io.rpcparallel.internal.log.LogRecordCodec;
import io.rpcparallel.internal.gen.StreamCalls;
import io.rpcparallel.internal.stream.ClientStreams;
import io.rpcparallel.internal.stream.StreamTable;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.Frames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated client connection. Calls are encoded on the caller's thread and queued to the
 * channel's {@link Outbox}; replies are matched by call id on the event loop and completed on the
 * executor, in bursts ({@link Transport#callbacks}); a blocking caller's own future directly on
 * the loop: it only wakes the caller. Every pending call is removed and completed on every exit:
 * reply, error, write failure, close.
 */
public final class ClientConnection implements RpcConnection, WorkerControl<Object> {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  /**
   * Explains why a worker's connection dropped, given the worker's id: the spawner of the worker
   * knows, and gives one to the connections it opens.
   */
  @FunctionalInterface
  public interface DeathReporter {
    /** Knows of no worker's death. */
    DeathReporter NONE = id -> null;

    /** A {@link WorkerDiedException} for the worker if this process knows it died, or null. */
    WorkerDiedException died(String workerId);
  }

  /**
   * This process's authenticated client connections that have not been seen to close: what
   * {@link #openNow()} reads (rpc-parallel-junit's check for connections a test left open).
   */
  private static final java.util.Set<ClientConnection> OPEN = ConcurrentHashMap.newKeySet();

  private final Transport transport;
  private final DeathReporter deathReporter;
  private final Channel channel;
  private final Worker<?> worker;
  private final RpcSettings settings;
  private final AtomicLong nextId = new AtomicLong();
  private final Map<Long, Pending<?>> pending = new ConcurrentHashMap<>();
  /** Completed on the executor, never the event loop: user callbacks hang on it. Handed out as copies. */
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile RpcException closeCause;
  private volatile boolean closedByUs;
  private final Handler handler;
  private final WriteBufferAge age;
  private final StreamTable streamTable;
  private final ClientStreams streams;
  private final boolean encrypted;
  /** How call events name a method id: by the names registered for the worker's interface. */
  private final IntFunction<String> methodNames;

  /**
   * A call waiting for its reply. {@code direct}: the future is internal to a blocking call, so no
   * user callback can hang on it, and completing it on the event loop only wakes the caller; other
   * futures are completed on the executor so that callbacks never run on the loop. {@code event}:
   * the call's JFR event while a recording wants calls ({@link RpcEvents}), else null.
   */
  private record Pending<R>(CompletableFuture<R> future, ResultReader<R> reader, boolean direct, Object event,
      int method, long start) {
    void complete(R value, Executor executor) {
      if (direct) {
        future.complete(value);
      } else {
        executor.execute(() -> future.complete(value));
      }
    }

    void fail(Throwable error, Executor executor) {
      if (direct) {
        future.completeExceptionally(error);
      } else {
        executor.execute(() -> future.completeExceptionally(error));
      }
    }
  }

  private ClientConnection(Transport transport, DeathReporter deathReporter, Channel channel, Worker<?> worker,
      RpcSettings settings, boolean encrypted) {
    this.transport = transport;
    this.encrypted = encrypted;
    this.deathReporter = deathReporter;
    this.channel = channel;
    this.worker = worker;
    this.methodNames = MethodNames.of(worker.interfaceName());
    this.settings = settings;
    this.handler = new Handler();
    this.age = handler.age;
    this.streamTable = handler.streams;
    this.streams = new ClientStreams(this, this::controlCall, streamTable);
  }

  /**
   * Connects to {@code worker} on this process's transport, as {@link #open(Transport, DeathReporter,
   * Endpoint, Worker, RpcSettings, byte[], Duration)} with no death reporter.
   */
  public static ClientConnection open(Endpoint endpoint, Worker<?> worker, RpcSettings settings,
      byte[] secret, Duration timeout) {
    return open(RunContext.transport(), DeathReporter.NONE, endpoint, worker, settings, secret, timeout);
  }

  /**
   * Connects to {@code worker} on {@code transport}, expecting it to serve {@code endpoint}, and
   * authenticates with the run's secret. Fails with {@link ConnectionException} after
   * {@code timeout}. When the worker goes with calls waiting, {@code deaths} says why.
   */
  public static ClientConnection open(Transport transport, DeathReporter deaths, Endpoint endpoint,
      Worker<?> worker, RpcSettings settings, byte[] secret, Duration timeout) {
    // Decided (and the TLS material made or fetched) on the caller's thread, never on an event loop.
    TlsContexts tls = Security.clientTls(settings, worker) ? Security.contexts() : null;
    return open(transport, deaths, endpoint, worker, settings, secret, timeout, tls);
  }

  /**
   * As {@link #open(Transport, DeathReporter, Endpoint, Worker, RpcSettings, byte[], Duration)},
   * over TLS with {@code tls}, or plain for null.
   */
  public static ClientConnection open(Transport transport, DeathReporter deaths, Endpoint endpoint,
      Worker<?> worker, RpcSettings settings, byte[] secret, Duration timeout, TlsContexts tls) {
    String peer = worker.displayName() + " (" + worker.host() + ":" + worker.port() + ")";
    CompletableFuture<Void> handshake = new CompletableFuture<>();
    ClientConnection[] holder = new ClientConnection[1];
    ChannelFuture cf = transport.bootstrap()
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ClientConnection c = new ClientConnection(transport, deaths, ch, worker, settings, tls != null);
            holder[0] = c;
            transport.track(ch);
            Pipelines.initHandshake(ch.pipeline(), tls == null ? null : tls.clientHandler(ch,
                settings.handshakeTimeout()), new ClientHandshakeHandler(endpoint, peer, secret, tls != null, handshake,
                ctx -> Pipelines.authenticated(ch.pipeline(), settings, c.handler)));
          }
        })
        .connect(worker.host(), worker.port());
    cf.addListener(f -> {
      if (!f.isSuccess()) {
        handshake.completeExceptionally(new ConnectionException("could not connect to worker " + peer + ": "
            + f.cause().getMessage(), f.cause()));
      }
    });
    try {
      handshake.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      ClientConnection c = holder[0];
      OPEN.add(c);
      if (!c.isOpen()) {
        // Closed before it was added: connectionLost may have run already, and would not remove it.
        OPEN.remove(c);
      }
      return c;
    } catch (TimeoutException e) {
      cf.channel().close();
      throw new ConnectionException("timed out after " + timeout + " connecting to worker " + peer);
    } catch (InterruptedException e) {
      cf.channel().close();
      Thread.currentThread().interrupt();
      throw new ConnectionException("interrupted while connecting to worker " + peer);
    } catch (ExecutionException e) {
      cf.channel().close().awaitUninterruptibly(1_000);
      Throwable cause = e.getCause();
      throw cause instanceof ConnectionException ce ? ce : new ConnectionException(cause.toString(), cause);
    }
  }

  @Override
  public <R> CompletableFuture<R> call(int methodId, Consumer<WireOutput> args, ResultReader<R> result) {
    // The caller gets a copy: completing or cancelling it cannot touch the call's own future.
    return send(Frames.CALL, methodId, args, result, false).copy();
  }

  private <R> CompletableFuture<R> send(byte kind, int id, Consumer<WireOutput> args, ResultReader<R> result) {
    return send(kind, id, args, result, false);
  }

  private <R> CompletableFuture<R> send(byte kind, int id, Consumer<WireOutput> args, ResultReader<R> result,
      boolean direct) {
    CompletableFuture<R> future = new CompletableFuture<>();
    long callId = nextId.incrementAndGet();
    Object event = Jfr.AVAILABLE && kind == Frames.CALL ? RpcEvents.callStarted(id) : null;
    ByteBuf frame;
    try {
      age.await();
      frame = Frames.build(channel.alloc(), kind, settings.maxMessageSize(), "the call's arguments", out -> {
        out.writeLong(callId);
        out.writeInt(id);
        args.accept(out);
      });
    } catch (RuntimeException e) {
      if (event != null) {
        RpcEvents.callEnded(event, 0, e, worker.displayName(), methodNames);
      }
      future.completeExceptionally(e);
      return future;
    }
    if (event != null) {
      RpcEvents.callSent(event, frame.readableBytes());
    }
    long start = kind == Frames.CALL ? CallMetrics.start() : 0;
    pending.put(callId, new Pending<>(future, result, direct, event, id, start));
    RpcException cause = closeCause;
    if (cause != null) {
      frame.release();
      fail(callId, cause);
      return future;
    }
    handler.outbox.send(frame, f -> fail(callId, lostCause(f.cause())));
    return future;
  }

  @Override
  public <R> R callBlocking(int methodId, Consumer<WireOutput> args, ResultReader<R> result) {
    // The future never leaves this method: its reply may complete it on the event loop.
    return await(send(Frames.CALL, methodId, args, result, true));
  }

  /** Waits for a call's result, rethrowing its failure unchecked. */
  public static <R> R await(CompletableFuture<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException("interrupted while waiting for a worker's reply");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RpcException re) {
        // Keep the caller's stack for local failures; remote ones carry the worker's.
        throw re;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new RpcException(cause.toString(), cause);
    } catch (CancellationException e) {
      throw new RpcException("call cancelled", e);
    }
  }

  @Override
  public void oneWay(int methodId, Consumer<WireOutput> args) {
    RpcException cause = closeCause;
    if (cause != null) {
      throw cause;
    }
    age.await();
    ByteBuf frame = Frames.build(channel.alloc(), Frames.ONEWAY, settings.maxMessageSize(), "the call's arguments",
        out -> {
          out.writeInt(methodId);
          args.accept(out);
        });
    handler.outbox.send(frame);
  }

  private CompletableFuture<Void> control(int builtin) {
    return send(Frames.CONTROL, builtin, out -> {}, in -> null);
  }

  /**
   * Asks the worker for its own process figures; for the dashboard. Fails like any call if the
   * connection goes; never blocks.
   */
  public CompletableFuture<ProcessStats> processStats() {
    return send(Frames.CONTROL, Frames.BUILTIN_PROCESS_STATS, out -> {}, ProcessStats::decode);
  }

  /** {@return how long the worker has sent nothing on this connection, not even a heartbeat} */
  public Duration quiet() {
    return Duration.ofNanos(handler.quietNanos());
  }

  /** Sends one built-in call. */
  <R> CompletableFuture<R> controlCall(int builtin, Consumer<WireOutput> args, ResultReader<R> result) {
    return send(Frames.CONTROL, builtin, args, result);
  }

  @Override
  public StreamCalls streams() {
    return streams;
  }

  @Override
  public WorkerControl<Object> control() {
    return this;
  }

  /** The local end of this connection: the address this process reaches the peer from. */
  public java.net.InetSocketAddress localAddress() {
    return (java.net.InetSocketAddress) channel.localAddress();
  }

  @Override
  @SuppressWarnings("unchecked") // the generated client gives it its interface's type back
  public Worker<Object> worker() {
    return (Worker<Object>) worker;
  }

  @Override
  public boolean encrypted() {
    return encrypted;
  }

  /**
   * Asks the worker to shut down and waits for it to let its calls in flight finish (its
   * shutdown grace) and close this connection, then closes it here too.
   */
  @Override
  public void shutdown() {
    CompletableFuture<Void> ack = control(Frames.BUILTIN_SHUTDOWN);
    await(ack);
    try {
      closed.get(settings.shutdownGrace().toMillis() + settings.heartbeatTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Closed here below either way.
    }
    close();
  }

  /**
   * As {@link #shutdown()}, without holding a thread: completes once the worker has acknowledged
   * and the connection has closed (or that wait has timed out), and the connection is closed;
   * exceptionally, after closing it, if the worker could not be told.
   */
  public CompletableFuture<Void> shutdownAsync() {
    long ms = settings.shutdownGrace().toMillis() + settings.heartbeatTimeout().toMillis();
    return control(Frames.BUILTIN_SHUTDOWN)
        .thenCompose(ack -> closed.copy().completeOnTimeout(null, ms, TimeUnit.MILLISECONDS).exceptionally(e -> null))
        .whenComplete((v, e) -> {
          closedByUs = true;
          channel.close();
        });
  }

  @Override
  public void closeServer() {
    await(control(Frames.BUILTIN_CLOSE_SERVER));
  }

  @Override
  public RpcSettings settings() {
    return await(send(Frames.CONTROL, Frames.BUILTIN_SETTINGS, out -> {}, SettingsCodec::decode));
  }

  /**
   * Has the worker build this connection's state from a connect argument, written by {@code arg}.
   * If that fails, the connection is closed and {@link ConnectionException} says why.
   */
  public void buildState(Consumer<WireOutput> arg) {
    try {
      await(send(Frames.CONTROL, Frames.BUILTIN_CONNECT, arg, in -> null));
    } catch (RuntimeException e) {
      close();
      String why = e instanceof io.rpcparallel.RemoteException re
          ? re.remoteClass() + (re.remoteMessage() == null ? "" : ": " + re.remoteMessage()) : e.getMessage();
      throw new ConnectionException("could not connect to worker " + worker.displayName()
          + ": building the connection state failed: " + why, e);
    }
  }

  @Override
  public Flow.Publisher<LogRecord> logs() {
    return await(streams.controlStream(Frames.BUILTIN_LOGS, LogRecordCodec.INSTANCE));
  }

  @Override
  public CompletableFuture<Void> closed() {
    return closed.copy();
  }

  /** The calls sent and not yet answered (built-in ones included), for status and tests. */
  public int callsInFlight() {
    return pending.size();
  }

  /** {@return the streams open on this connection now, with their counts so far} (for the dashboard) */
  public java.util.List<StreamTable.OpenStream> openStreams() {
    return streamTable.openStreams();
  }

  /** The streams open on this connection, for status and tests. */
  public int streamsOpen() {
    return streamTable.size();
  }

  /** Whether the connection is open. */
  public boolean isOpen() {
    return closeCause == null && channel.isActive();
  }

  @Override
  public void close() {
    closedByUs = true;
    channel.close().awaitUninterruptibly(5_000);
    OPEN.remove(this);
  }

  /**
   * This process's client connections that are open now, opened by any means (a generated
   * client, a managed worker, a map-reduce pool); for leftover checks and diagnostics.
   */
  public static java.util.List<ClientConnection> openNow() {
    return OPEN.stream().filter(ClientConnection::isOpen).toList();
  }

  /**
   * The ids of this connection's log subscriptions ({@link #logs()}) that are still open: not
   * cancelled by their subscriber, not ended with the connection.
   */
  public java.util.List<Long> openLogStreams() {
    return streams.openControlStreams();
  }

  private RpcException lostCause(Throwable t) {
    RpcException c = closeCause;
    if (c != null) {
      return c;
    }
    return new ConnectionException("could not send to worker " + worker.displayName() + ": " + t, t);
  }

  private <R> void fail(long callId, RpcException cause) {
    Pending<?> p = pending.remove(callId);
    if (p != null) {
      ended(p, 0, cause);
      p.fail(cause, transport.callbacks());
    }
  }

  /** Records the call's end for the dashboard, and ends its JFR event if it has one; {@code failure} null for a reply. */
  private void ended(Pending<?> p, long bytesReceived, Throwable failure) {
    CallMetrics.record(worker.interfaceName(), p.method(), p.start(), failure != null);
    if (p.event() != null) {
      RpcEvents.callEnded(p.event(), bytesReceived, failure, worker.displayName(), methodNames);
    }
  }

  private void connectionLost(RpcException cause) {
    if (closeCause == null) {
      closeCause = cause;
    }
    OPEN.remove(this);
    for (Long id : pending.keySet()) {
      fail(id, closeCause);
    }
    streamTable.connectionLost(closeCause);
    // Callbacks on closed() are the user's (ManagedWorker reconnects in one): never on the loop.
    transport.executor().execute(() -> closed.complete(null));
  }

  /** The handler that runs once the handshake is done. */
  private final class Handler extends ConnectionHandler {
    /** A frame's length and kind. */
    private static final int FRAME_HEADER = 4 + 1;

    Handler() {
      super(ClientConnection.this.channel, ClientConnection.this.settings, "worker " + worker.displayName(), log,
          transport.executor());
    }

    @Override
    boolean onFrame(ChannelHandlerContext ctx, byte kind, ByteBuf frame) {
      // The frame's length and kind were read: a call event counts the whole frame.
      int size = frame.readableBytes() + FRAME_HEADER;
      switch (kind) {
        case Frames.REPLY -> complete(frame.readLong(), new ByteBufWireInput(frame), size);
        case Frames.ERROR -> {
          long id = frame.readLong();
          Pending<?> p = pending.remove(id);
          if (p != null) {
            RpcException failure = Frames.readFailure(new ByteBufWireInput(frame), worker.displayName());
            ended(p, size, failure);
            p.fail(failure, transport.callbacks());
          }
        }
        default -> throw new IllegalArgumentException("unexpected frame kind " + kind);
      }
      return false;
    }

    private <R> void complete(long id, ByteBufWireInput in, int size) {
      @SuppressWarnings("unchecked")
      Pending<R> p = (Pending<R>) pending.remove(id);
      if (p == null) {
        return;
      }
      R value;
      try {
        value = p.reader().read(in);
        in.expectEnd();
      } catch (Throwable e) {
        // One reply we cannot read fails its call; the connection carries on.
        RpcException err = e instanceof RpcException re ? re
            : new RpcException("could not decode the reply of worker " + worker.displayName() + ": " + e, e);
        ended(p, size, err);
        p.fail(err, transport.callbacks());
        return;
      }
      ended(p, size, null);
      p.complete(value, transport.callbacks());
    }

    @Override
    void onClosed(ChannelHandlerContext ctx) {
      RpcException cause;
      if (age.failure() != null) {
        cause = new ConnectionException(age.failure());
      } else if (closedByUs) {
        cause = new ConnectionException("the connection to worker " + worker.displayName() + " was closed");
      } else if (heartbeatFailure() != null) {
        cause = new ConnectionException(heartbeatFailure());
      } else if (pending.isEmpty() && streamTable.size() == 0) {
        cause = new WorkerDiedException("lost the connection to worker " + worker.displayName(), OptionalInt.empty());
      } else {
        // Calls are waiting: say why the worker went, if this process spawned it. Off the loop.
        transport.executor().execute(() -> {
          WorkerDiedException died = deathReporter.died(worker.id());
          connectionLost(died != null ? died : new WorkerDiedException(
              "lost the connection to worker " + worker.displayName(), OptionalInt.empty()));
        });
        return;
      }
      connectionLost(cause);
    }
  }
}
