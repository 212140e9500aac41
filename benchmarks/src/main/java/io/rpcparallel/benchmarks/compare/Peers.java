package io.rpcparallel.benchmarks.compare;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The peer server JVMs and the clients that reach them: a raw Netty length-prefixed echo, a plain
 * socket that streams bytes, and the child JVM of the spawn floor.
 *
 * <pre>
 *   Peers grpc             gRPC servers (see {@link Grpc})
 *   Peers raw              prints "nettyPort tcpPort": Netty echo and the raw TCP stream server
 *   Peers echo             prints "nettyPort": the Netty echo alone (the memory comparison)
 *   Peers child PORT       connects to PORT, writes one byte and exits (the spawn floor)
 *   Peers netty-child PORT the same through a Netty client (what Netty alone adds to a spawn)
 * </pre>
 * Servers exit when their stdin closes, so a dead driver leaves none behind.
 */
public final class Peers {
  private Peers() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "grpc" -> Grpc.serve();
      case "raw" -> serveRaw(true);
      case "echo" -> serveRaw(false);
      case "child" -> {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]))) {
          s.getOutputStream().write(1);
        }
      }
      case "netty-child" -> nettyChild(Integer.parseInt(args[1]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void nettyChild(int port) throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel c) {}
          }).connect(InetAddress.getLoopbackAddress(), port).sync().channel();
      ch.writeAndFlush(ch.alloc().buffer(1).writeByte(1)).sync();
      ch.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  static void awaitStdinEof() throws IOException {
    InputStream in = System.in;
    while (in.read() >= 0) {
      // only the end matters
    }
  }

  private static void serveRaw(boolean withTcp) throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            // Echo each whole frame, length prefix included.
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 21, 0, 4, 0, 0),
                new SimpleChannelInboundHandler<ByteBuf>(false) {
                  @Override protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                    ctx.writeAndFlush(frame);
                  }
                });
          }
        }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    int nettyPort = ((java.net.InetSocketAddress) server.localAddress()).getPort();
    if (withTcp) {
      ServerSocket tcp = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> serveTcp(tcp), "tcp-stream");
      t.setDaemon(true);
      t.start();
      System.out.println(nettyPort + " " + tcp.getLocalPort());
    } else {
      System.out.println(nettyPort);
    }
    System.out.flush();
    awaitStdinEof();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** Per request (int size, long count): writes count items of size bytes, buffered by 64 KiB. */
  private static void serveTcp(ServerSocket server) {
    while (true) {
      try (Socket s = server.accept()) {
        s.setTcpNoDelay(true);
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 << 10);
        while (true) {
          int size = in.readInt();
          long count = in.readLong();
          byte[] item = new byte[size];
          for (long i = 0; i < count; i++) {
            out.write(item);
          }
          out.flush();
        }
      } catch (IOException e) {
        // the driver closed the connection; take the next
      }
    }
  }

  /** A connection to the Netty echo that hands each reply's payload to {@code onReply}, on the loop. */
  private static Channel connectEcho(EventLoopGroup group, int port, java.util.function.Consumer<ByteBuf> onReply)
      throws InterruptedException {
    return new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 21, 0, 4, 0, 4),
                new SimpleChannelInboundHandler<ByteBuf>() {
                  @Override protected void channelRead0(ChannelHandlerContext ctx, ByteBuf payload) {
                    onReply.accept(payload);
                  }
                });
          }
        }).connect(InetAddress.getLoopbackAddress(), port).sync().channel();
  }

  /** A blocking client of the Netty echo: one frame out, wait for it back. */
  static final class NettyClient implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private volatile CompletableFuture<Integer> pending;

    NettyClient(int port) throws InterruptedException {
      channel = connectEcho(group, port, payload -> pending.complete(payload.readableBytes()));
    }

    int echo(byte[] payload) throws Exception {
      CompletableFuture<Integer> reply = new CompletableFuture<>();
      pending = reply;
      ByteBuf frame = channel.alloc().buffer(4 + payload.length);
      frame.writeInt(payload.length).writeBytes(payload);
      channel.writeAndFlush(frame);
      return reply.get();
    }

    @Override public void close() {
      channel.close().syncUninterruptibly();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /**
   * A pipelining client of the Netty echo: frames written from the caller's thread (one
   * {@code writeAndFlush} each), replies taken in order on the event loop, where each runs its
   * callback.
   */
  static final class NettyPipelinedClient implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final java.util.Queue<Runnable> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();

    NettyPipelinedClient(int port) throws InterruptedException {
      channel = connectEcho(group, port, payload -> pending.poll().run());
    }

    void echo(byte[] payload, Runnable done) {
      pending.add(done);
      ByteBuf frame = channel.alloc().buffer(4 + payload.length);
      frame.writeInt(payload.length).writeBytes(payload);
      channel.writeAndFlush(frame, channel.voidPromise());
    }

    @Override public void close() {
      channel.close().syncUninterruptibly();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** A client of the raw TCP stream server. */
  static final class TcpClient implements AutoCloseable {
    private final Socket socket;
    private final DataOutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[64 << 10];

    TcpClient(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      out = new DataOutputStream(socket.getOutputStream());
      in = socket.getInputStream();
    }

    long items(int size, long count) throws IOException {
      out.writeInt(size);
      out.writeLong(count);
      out.flush();
      long want = (long) size * count;
      long got = 0;
      while (got < want) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, want - got));
        if (n < 0) {
          throw new IOException("stream server closed early");
        }
        got += n;
      }
      return got;
    }

    @Override public void close() throws IOException {
      socket.close();
    }
  }
}
