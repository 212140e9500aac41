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
import io.rpcparallel.internal.exec.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Frames sent through an outbox from many threads arrive whole, each thread's in order. */
class OutboxTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 5_000;

  private Transport transport;
  private Channel server;
  private final int[] next = new int[THREADS];
  private final List<String> problems = new ArrayList<>();
  private final CountDownLatch received = new CountDownLatch(THREADS * PER_THREAD);

  @BeforeEach
  void start() throws Exception {
    transport = new Transport("outbox-test");
    server = transport.serverBootstrap().childHandler(new ChannelInitializer<SocketChannel>() {
      @Override protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(64, 0, 4, 0, 4),
            new SimpleChannelInboundHandler<ByteBuf>() {
              @Override protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
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
            });
      }
    }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
  }

  @AfterEach
  void stop() {
    if (server.isOpen()) {
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
}
