package io.rpcparallel.internal.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide I/O resources: one event loop group for every connection and server, and the
 * executor that runs user code and completes callers' futures (never the event loop). All
 * threads are named daemons, so they never keep a program alive on their own.
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

  private static final Transport INSTANCE = new Transport();

  private final EventLoopGroup group;
  private final ExecutorService executor;

  private Transport() {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    group = new MultiThreadIoEventLoopGroup(threads, daemonFactory("rpc-parallel-io-"),
        NioIoHandler.newFactory());
    // User methods may block (and may wait on each other), so the pool grows on demand.
    ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemonFactory("rpc-parallel-exec-"));
    executor = pool;
  }

  public static Transport get() {
    return INSTANCE;
  }

  public EventLoopGroup group() {
    return group;
  }

  /** Runs user code and completes futures callers see. */
  public ExecutorService executor() {
    return executor;
  }

  public ServerBootstrap serverBootstrap() {
    return new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.ALLOCATOR, ALLOCATOR)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20));
  }

  public Bootstrap bootstrap() {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.ALLOCATOR, ALLOCATOR)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20));
  }

  public static ThreadFactory daemonFactory(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
