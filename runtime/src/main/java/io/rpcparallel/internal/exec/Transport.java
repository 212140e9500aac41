package io.rpcparallel.internal.exec;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.PreferHeapByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.rpcparallel.RpcSettings;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O resources of a run: one event loop group for every connection and server on it, and the
 * executor that runs user code and completes callers' futures (never the event loop). All
 * threads are named daemons, so they never keep a program alive on their own. The process has one
 * ({@code RunContext.transport()}); a test may build its own and shut it down.
 */
public final class Transport {
  /**
   * Unpooled heap buffers rather than Netty 4.2's adaptive (or the pooled) direct default. Measured
   * with benchmarks/run: large frames (a 1 MiB stream item grows its buffer to 2 MiB) made the
   * pooled allocators map and zero fresh native chunks for nearly every frame, page faults and
   * all, which held 1 MiB streams to a fifth of loopback TCP; heap buffers from the JVM's own
   * allocator take 4-5× less time there and cost small calls nothing measurable.
   */
  private static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false);
  /**
   * What NIO channels allocate from: {@link #ALLOCATOR}, whose socket reads ({@code ioBuffer})
   * also go to heap buffers, which NIO reads into through the JDK's cached direct buffer. A fresh
   * unpooled direct buffer for every read cost more than that copy: measured with benchmarks/run
   * (comparison 8, two quick runs), 64 KiB stream items flowed 1.32-1.41× as fast and 1 MiB items
   * 1.05-1.11×, 1 KiB items 0.93-0.95× and calls at about the same speed. Epoll reads and writes
   * native memory only, so its channels take Netty's pooled allocator instead (see {@link Kind}).
   */
  private static final ByteBufAllocator HEAP_READS = new PreferHeapByteBufAllocator(ALLOCATOR);

  /**
   * The system property that chooses Netty's transport: {@code epoll} for Linux's epoll where
   * Netty's native transport loads; NIO otherwise (the default).
   */
  public static final String PROPERTY = "rpcparallel.transport";
  /** The environment variable that chooses Netty's transport, as {@link #PROPERTY} (which wins). */
  public static final String ENV_VAR = "RPC_PARALLEL_TRANSPORT";

  /**
   * Which of Netty's transports the event loops and channels are: chosen once per transport. NIO
   * by default: measured with benchmarks/run (comparison 8), epoll answered calls as fast as NIO
   * or a little faster, but ran streams at a quarter (1 KiB items) to a ninth (64 KiB and 1 MiB) of
   * NIO's rate while its channels wrote from the unpooled heap allocator (a fresh direct buffer and
   * a copy for every write); on Netty's pooled allocator, about half of NIO's rate.
   */
  public enum Kind {
    /** Linux's epoll through Netty's native transport (opt-in). */
    EPOLL,
    /** Java's NIO selector: everywhere; the default. */
    NIO;

    /**
     * The kind chosen by {@link #PROPERTY} (else {@link #ENV_VAR}): {@code epoll} where Netty's
     * native transport loads (else NIO, with a debug log), anything else NIO.
     */
    public static Kind chosen() {
      String v = System.getProperty(PROPERTY);
      if (v == null) {
        v = System.getenv(ENV_VAR);
      }
      if (v == null || !v.trim().equalsIgnoreCase("epoll")) {
        return NIO;
      }
      if (Epoll.isAvailable()) {
        return EPOLL;
      }
      org.slf4j.LoggerFactory.getLogger(Transport.class).debug("{}=epoll, but Netty's native epoll transport is"
          + " not available here; using NIO", PROPERTY, Epoll.unavailabilityCause());
      return NIO;
    }
  }

  private final Kind kind;
  private final ByteBufAllocator allocator;
  private final EventLoopGroup group;
  private final ThreadPoolExecutor executor;
  private final ThreadPoolExecutor calls;
  private final BatchingExecutor callbacks;
  /** Every server open on this transport, and every client connection: closed by {@link #shutdown} in order. */
  private final Set<Drainable> servers = ConcurrentHashMap.newKeySet();
  private final ChannelGroup channels;
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private volatile boolean shutdown;

  /** A transport whose threads are named {@code rpc-parallel-io-N}, {@code rpc-parallel-exec-N} … (the process's). */
  public Transport() {
    this("");
  }

  /**
   * A transport of its own, whose threads are named {@code rpc-parallel-io-<name>-N},
   * {@code rpc-parallel-exec-<name>-N} and {@code rpc-parallel-call-<name>-N}.
   *
   * @param name what tells its threads from other transports' (empty: none)
   */
  public Transport(String name) {
    this(name, Kind.chosen());
  }

  /**
   * A transport of its own on Netty's transport {@code kind}, named as {@link #Transport(String)}.
   *
   * @param name what tells its threads from other transports' (empty: none)
   * @param kind epoll (which must be available) or NIO
   */
  public Transport(String name, Kind kind) {
    String suffix = name.isEmpty() ? "" : name + "-";
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.kind = kind;
    this.allocator = kind == Kind.NIO ? HEAP_READS : PooledByteBufAllocator.DEFAULT;
    IoHandlerFactory io = kind == Kind.EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(threads, daemonFactory("rpc-parallel-io-" + suffix), io);
    // Callbacks and hand-offs: each is short, but a user's callback may block, so this pool grows.
    // Once shut down, it runs what is still handed to it (a future's completion, a stream's end) on
    // the caller's thread: nothing a caller waits for is dropped.
    executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemonFactory("rpc-parallel-exec-" + suffix), (task, pool) -> task.run());
    // Worker methods may block and may wait on each other, so a fixed pool could deadlock them:
    // this one grows on demand up to max_threads, and each connection is held to max_calls_in_flight.
    calls = new ThreadPoolExecutor(0, RpcSettings.DEFAULTS.maxThreads(), 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemonFactory("rpc-parallel-call-" + suffix));
    callbacks = new BatchingExecutor(executor);
    channels = new DefaultChannelGroup("rpc-parallel", group.next());
  }

  /** Drains and closes {@code server} when the transport shuts down, unless it closed first. */
  public void track(Drainable server) {
    servers.add(server);
  }

  /** Forgets a server that closed. */
  public void untrack(Drainable server) {
    servers.remove(server);
  }

  /**
   * Closes client connection {@code channel} when the transport shuts down (the group forgets
   * closed channels itself); a server's connections close with their server.
   */
  public void track(Channel channel) {
    channels.add(channel);
  }

  public EventLoopGroup group() {
    return group;
  }

  /** Netty's transport this one runs on. */
  public Kind kind() {
    return kind;
  }

  /** Runs callbacks and completes futures callers see (never the event loop). */
  public ExecutorService executor() {
    return executor;
  }

  /**
   * Runs short callbacks in bursts, such as completing the futures of one read's replies, on
   * {@link #executor()} threads: a burst wakes one or two threads rather than one per task, and a
   * callback that blocks holds up no other.
   */
  public Executor callbacks() {
    return callbacks;
  }

  /**
   * Runs worker methods: at most {@link RpcSettings#maxThreads()} at once; past that it throws
   * {@link java.util.concurrent.RejectedExecutionException}.
   */
  public ExecutorService calls() {
    return calls;
  }

  /** Sets the ceiling of {@link #calls()}, from the settings this process serves with. */
  public void limitCallThreads(int maxThreads) {
    calls.setMaximumPoolSize(maxThreads);
  }

  /**
   * Whether {@link #shutdown} has closed this transport's connections: whoever hands it out makes
   * a new one from then on.
   */
  public boolean isShutdown() {
    return shutdown;
  }

  /**
   * Stops this transport in order: stops every server accepting and lets their calls in
   * flight finish (within {@code grace}), closes every connection, stops the event loops, then
   * the call pool and the executor, each wait bounded by {@code grace}. Only the first call
   * does anything.
   */
  public void shutdown(Duration grace) {
    if (!shuttingDown.compareAndSet(false, true)) {
      return;
    }
    long ms = Math.max(0, grace.toMillis());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    for (Drainable s : List.copyOf(servers)) {
      s.drainAndClose(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    boolean inLoop = false;
    for (EventExecutor e : group) {
      inLoop |= e.inEventLoop();
    }
    if (!inLoop) {
      channels.close().awaitUninterruptibly(Math.max(1_000, ms));
    }
    shutdown = true;
    Future<?> loops = group.shutdownGracefully(0, Math.min(ms, 2_000),
        TimeUnit.MILLISECONDS);
    if (!inLoop) {
      loops.awaitUninterruptibly(ms + 1_000);
    }
    calls.shutdown();
    executor.shutdown();
    try {
      calls.awaitTermination(ms, TimeUnit.MILLISECONDS);
      executor.awaitTermination(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    calls.shutdownNow();
    executor.shutdownNow();
  }

  /** A server bootstrap for TCP on this transport's event loops. */
  public ServerBootstrap serverBootstrap() {
    return new ServerBootstrap()
        .group(group)
        .channel(kind == Kind.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.ALLOCATOR, allocator)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20));
  }

  /** A client bootstrap for TCP on this transport's event loops. */
  public Bootstrap bootstrap() {
    return new Bootstrap()
        .group(group)
        .channel(kind == Kind.EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.ALLOCATOR, allocator)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20));
  }

  /** Named daemon threads that carry the worker's name in their MDC ({@link WorkerMdc}). */
  public static ThreadFactory daemonFactory(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(WorkerMdc.onThread(r), prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
