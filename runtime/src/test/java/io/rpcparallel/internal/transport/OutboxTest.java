package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.rpcparallel.Codecs;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.WireOutput;
import io.rpcparallel.internal.exec.Transport;
import io.rpcparallel.internal.gen.Responder;
import io.rpcparallel.internal.stream.ServerStreamCall;
import io.rpcparallel.internal.wire.Frames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Frames sent through an outbox from many threads arrive whole, each thread's in order, and so do
 * a connection's stream frames, which share its outbox.
 */
class OutboxTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 5_000;

  private Transport transport;
  private Channel server;
  private final int[] next = new int[THREADS];
  private final List<String> problems = new ArrayList<>();
  private final CountDownLatch received = new CountDownLatch(THREADS * PER_THREAD);
  /** What the server does with each frame it reads (on its channel's event loop). */
  private volatile Consumer<ByteBuf> onFrame = this::checkSequence;

  @BeforeEach
  void start() throws Exception {
    transport = new Transport("outbox-test");
    server = transport.serverBootstrap().childHandler(new ChannelInitializer<SocketChannel>() {
      @Override protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 16, 0, 4, 0, 4),
            new SimpleChannelInboundHandler<ByteBuf>() {
              @Override protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                onFrame.accept(frame);
              }
            });
      }
    }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
  }

  private void checkSequence(ByteBuf frame) {
    // Only this channel's event loop runs this: no lock needed for the counters.
    int thread = frame.readInt();
    int seq = frame.readInt();
    if (next[thread] != seq) {
      synchronized (problems) {
        problems.add("thread " + thread + ": expected " + next[thread] + ", got " + seq);
      }
    }
    next[thread] = seq + 1;
    received.countDown();
  }

  @AfterEach
  void stop() {
    // A test that shut the loops down has closed the server with them (it may still read open
    // for a moment, and closing it then is refused).
    if (server.isOpen() && !server.eventLoop().isShuttingDown()) {
      server.close().syncUninterruptibly();
    }
    transport.shutdown(Duration.ofSeconds(2));
  }

  private Channel connect() throws InterruptedException {
    return transport.bootstrap().handler(new ChannelInitializer<SocketChannel>() {
      @Override protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(Pipelines.FLUSH, new FlushConsolidationHandler(256, true));
      }
    }).connect((InetSocketAddress) server.localAddress()).sync().channel();
  }

  private static ByteBuf frame(int thread, int seq) {
    return Unpooled.buffer(12).writeInt(8).writeInt(thread).writeInt(seq);
  }

  @Test
  void framesFromManyThreadsArriveInEachThreadsOrder() throws Exception {
    Channel client = connect();
    Outbox outbox = new Outbox(client);
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      // The last sender writes from the event loop itself, between the others' batches.
      Thread s = new Thread(() -> {
        for (int i = 0; i < PER_THREAD; i++) {
          int seq = i;
          if (thread == THREADS - 1) {
            client.eventLoop().submit(() -> outbox.send(frame(thread, seq))).syncUninterruptibly();
          } else {
            outbox.send(frame(thread, seq), f -> {
              synchronized (problems) {
                problems.add("write failed: " + f.cause());
              }
            });
          }
        }
      }, "outbox-sender-" + t);
      senders.add(s);
      s.start();
    }
    for (Thread s : senders) {
      s.join();
    }
    assertTrue(received.await(30, TimeUnit.SECONDS), "frames missing: " + received.getCount());
    synchronized (problems) {
      assertEquals(List.of(), problems);
    }
    client.close().sync();
  }

  @Test
  void aFrameSentOnceTheLoopIsGoneIsReleasedAndItsSenderHearsSo() throws Exception {
    Channel client = connect();
    Outbox outbox = new Outbox(client);
    client.close().sync();
    transport.group().shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    ByteBuf frame = frame(0, 0);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    outbox.send(frame, f -> failure.complete(f.cause()));
    assertTrue(failure.get(10, TimeUnit.SECONDS) != null);
    assertEquals(0, frame.refCnt());
  }

  /** The connection's own handler, for its outbox and stream table; it handles no frame here. */
  private static final class Handler extends ConnectionHandler {
    Handler(Channel channel, Transport transport) {
      super(channel, RpcSettings.DEFAULTS, "test peer", LoggerFactory.getLogger(OutboxTest.class),
          transport.executor());
    }

    @Override boolean onFrame(ChannelHandlerContext ctx, byte kind, ByteBuf frame) {
      throw new IllegalArgumentException("unexpected frame kind " + kind);
    }

    @Override void onClosed(ChannelHandlerContext ctx) {}
  }

  private static ByteBuf replyFrame(Channel channel, long callId) {
    return Frames.build(channel.alloc(), Frames.REPLY, 1 << 16, "the reply", out -> out.writeLong(callId));
  }

  @Test
  void aReplyLeavesAfterTheStreamItemsAndEndItsMethodWroteFirst() throws Exception {
    // Each frame received: its kind and the call or stream id that follows it.
    List<String> frames = new ArrayList<>();
    CountDownLatch four = new CountDownLatch(4);
    onFrame = frame -> {
      String kind = switch (frame.readByte()) {
        case Frames.REPLY -> "reply";
        case Frames.STREAM_ITEM -> "item";
        case Frames.STREAM_END -> "end";
        default -> "other";
      };
      synchronized (frames) {
        frames.add(kind + " " + frame.readLong());
      }
      four.countDown();
    };
    Channel client = connect();
    Handler handler = new Handler(client, transport);
    // Hold the event loop, so that every write from here waits for a drain task queued behind it.
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    client.eventLoop().execute(() -> {
      held.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      assertTrue(held.await(10, TimeUnit.SECONDS));
      // Another call's reply, from another pool thread: the first drain of the connection's writes
      // is now queued on the loop.
      handler.outbox.send(replyFrame(client, 1));
      // A direct pipe's method writes an item and ends its stream, then returns: its reply follows.
      // With a queue of their own, the stream frames waited for a drain queued after the first.
      Responder responder = new Responder() {
        @Override public void reply(Consumer<WireOutput> result) {
          handler.outbox.send(replyFrame(client, 2));
        }

        @Override public void fail(Throwable error) {
          throw new AssertionError(error);
        }

        @Override public void unknownMethod(int methodId) {
          throw new AssertionError(methodId);
        }
      };
      new ServerStreamCall(handler.streams, 7, responder).directPipe(Codecs.STRING, out -> {
        out.write("an item");
        out.close();
        return null;
      });
    } finally {
      release.countDown();
    }
    assertTrue(four.await(10, TimeUnit.SECONDS), "frames missing: " + four.getCount());
    synchronized (frames) {
      assertEquals(List.of("reply 1", "item 7", "end 7", "reply 2"), frames);
    }
    client.close().sync();
  }
}
