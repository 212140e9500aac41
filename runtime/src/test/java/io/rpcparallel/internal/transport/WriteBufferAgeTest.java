package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import io.rpcparallel.ConnectionException;
import io.rpcparallel.TestThreads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write-buffer age limit: a channel that stays unwritable for longer than the limit is closed
 * with a message naming the peer; one that drains in time is left alone; senders wait for it.
 * The limit's timer runs on {@link EmbeddedChannel}'s virtual clock; the waiting is tested on a
 * real (local, in-memory) channel, since an embedded channel's every thread counts as its loop.
 */
class WriteBufferAgeTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final WriteBufferWaterMark MARKS = new WriteBufferWaterMark(8, 16);
  private static final String MESSAGE = "write buffer age limit exceeded: worker w1 has not read what this process"
      + " sent for PT2M (write_buffer_age_limit); the connection is closed";

  /** Wires the age to the channel's events, as the client and server connections do. */
  private static final class Wiring extends ChannelInboundHandlerAdapter {
    final AtomicReference<WriteBufferAge> age = new AtomicReference<>();

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      age.get().changed();
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      age.get().closed();
      ctx.fireChannelInactive();
    }
  }

  private final Wiring wiring = new Wiring();
  private EmbeddedChannel channel;
  private WriteBufferAge age;

  @BeforeEach
  void embedded() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.config().setWriteBufferWaterMark(MARKS);
    age = new WriteBufferAge(channel, LIMIT, "worker w1");
    wiring.age.set(age);
    channel.pipeline().addLast(wiring);
  }

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  /** Queues more than the high water mark without flushing: the peer "does not read". */
  private static void stall(Channel ch) {
    ch.write(Unpooled.wrappedBuffer(new byte[32]));
  }

  /** The peer reads everything: the buffer drains below the low water mark. */
  private void drain() {
    channel.flush();
    ReferenceCountUtil.release(channel.readOutbound());
    assertTrue(channel.isWritable());
  }

  private void assertClosedByTheLimit(String why) {
    assertFalse(channel.isOpen(), why);
    assertEquals(MESSAGE, age.failure());
  }

  private void advance(Duration d) {
    channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void aChannelUnwritableForLongerThanTheLimitIsClosedWithAMessageNamingThePeerAndTheLimit() {
    stall(channel);
    assertFalse(channel.isWritable());
    advance(LIMIT.minusMillis(1));
    assertTrue(channel.isOpen(), "closed before the limit");
    assertNull(age.failure());
    advance(Duration.ofMillis(1));
    assertClosedByTheLimit("still open at the limit");
  }

  @Test
  void aChannelThatDrainsBeforeTheLimitStaysOpen() {
    stall(channel);
    advance(LIMIT.dividedBy(2));
    drain();
    advance(LIMIT);
    assertTrue(channel.isOpen());
    assertNull(age.failure());
  }

  @Test
  void eachStallHasItsOwnClockAndAnEarlierStallsTimerDoesNotCloseALaterOne() {
    stall(channel);
    advance(LIMIT.dividedBy(2));
    drain();
    stall(channel); // a second stall, half a limit after the first began
    advance(LIMIT.dividedBy(2).plusSeconds(1)); // the first stall's timer fires now
    assertTrue(channel.isOpen(), "the first stall's timer closed the channel during the second");
    advance(LIMIT.dividedBy(2));
    assertClosedByTheLimit("the second stall outlived the limit and the channel is open");
  }

  @Test
  void aChannelClosedForAnotherReasonDuringAStallGetsNoAgeFailure() {
    stall(channel);
    channel.close();
    advance(LIMIT.multipliedBy(2));
    assertNull(age.failure());
  }

  /** A real channel to a local peer, on a loop of its own, with {@code limit}. */
  private static final class Local implements AutoCloseable {
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    final Wiring wiring = new Wiring();
    final Channel server;
    final Channel client;
    final WriteBufferAge age;

    Local(Duration limit) throws InterruptedException {
      LocalAddress address = new LocalAddress("write-buffer-age-" + System.nanoTime());
      server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
          .childHandler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              ReferenceCountUtil.release(msg);
            }
          })
          .bind(address).sync().channel();
      client = new Bootstrap().group(group).channel(LocalChannel.class)
          .option(ChannelOption.WRITE_BUFFER_WATER_MARK, MARKS)
          .handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(wiring);
            }
          })
          .connect(address).sync().channel();
      age = new WriteBufferAge(client, limit, "worker w1");
      wiring.age.set(age);
    }

    /** Runs {@code task} on the loop and waits for it. */
    void onLoop(Runnable task) throws Exception {
      client.eventLoop().submit(task).get(1, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
      client.close().syncUninterruptibly();
      server.close().syncUninterruptibly();
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void aSenderWaitsWhileTheChannelIsUnwritableAndGoesOnOnceItDrains() throws Exception {
    try (Local local = new Local(Duration.ofMinutes(10))) {
      local.onLoop(() -> stall(local.client));
      assertFalse(local.client.isWritable());
      CompletableFuture<Void> sent = new CompletableFuture<>();
      Thread sender = new Thread(() -> {
        try {
          local.age.await();
          sent.complete(null);
        } catch (Throwable e) {
          sent.completeExceptionally(e);
        }
      }, "sender");
      sender.start();
      TestThreads.awaitParkedOrEnded(sender);
      assertFalse(sent.isDone(), "await returned while the channel was unwritable");
      local.onLoop(local.client::flush);
      sent.get(1, TimeUnit.MINUTES);
    }
  }

  @Test
  void aSenderWaitingWhenTheLimitClosesTheChannelGetsItsMessage() throws Exception {
    try (Local local = new Local(Duration.ofMillis(1))) {
      local.onLoop(() -> stall(local.client));
      assertTrue(local.client.closeFuture().await(1, TimeUnit.MINUTES), "the limit did not close the channel");
      ConnectionException e = assertThrows(ConnectionException.class, local.age::await);
      assertTrue(e.getMessage().startsWith("write buffer age limit exceeded: worker w1 has not read what this"
          + " process sent for PT0.001S"), e.getMessage());
    }
  }

  @Test
  void theEventLoopNeverWaits() throws Exception {
    try (Local local = new Local(Duration.ofMinutes(10))) {
      AtomicReference<Boolean> writable = new AtomicReference<>();
      local.onLoop(() -> {
        stall(local.client);
        writable.set(local.client.isWritable());
        local.age.await(); // would deadlock the loop if it waited
      });
      assertEquals(false, writable.get());
    }
  }
}
