package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rpcparallel.internal.wire.Frames;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/**
 * What the handshake fuzzers found, and the pre-authentication limit, on embedded channels: after
 * a rejection, the rest of the read (a frame too long, say) is dropped quietly instead of reaching
 * the end of the pipeline, where Netty would log it once per stranger.
 */
class HostileHandshakeTest {
  private static ByteBuf callThenHugeLength() {
    ByteBuf b = Unpooled.buffer();
    b.writeInt(1 + 8 + 4).writeByte(Frames.CALL).writeLong(1).writeInt(42);
    b.writeInt(0x40000000).writeByte(Frames.CALL);
    return b;
  }

  @Test
  void aTooLongFrameAfterTheServerRejectedIsDroppedQuietly() {
    PreAuthLimit.Budget budget = new PreAuthLimit.Budget(PreAuthLimit.MAX_CONNECTIONS);
    EmbeddedChannel ch = server(budget);
    ch.writeInbound(callThenHugeLength()); // throws if an exception reached the pipeline's end
    assertFalse(ch.isOpen());
    ch.finishAndReleaseAll();
    assertEquals(0, budget.held());
  }

  @Test
  void aTooLongFrameAfterTheClientFailedIsDroppedQuietly() {
    CompletableFuture<Void> result = new CompletableFuture<>();
    EmbeddedChannel ch = new EmbeddedChannel();
    Pipelines.initHandshake(ch.pipeline(), new ClientHandshakeHandler(ServerHandshakeFuzzTest.ENDPOINT, "peer",
        ServerHandshakeFuzzTest.SECRET, false, result, ctx -> {}));
    ch.writeInbound(callThenHugeLength());
    assertTrue(result.isCompletedExceptionally());
    assertFalse(ch.isOpen());
    ch.finishAndReleaseAll();
  }

  @Test
  void moreBytesThanTheBoundBeforeAuthenticatingCloseTheConnection() {
    PreAuthLimit.Budget budget = new PreAuthLimit.Budget(PreAuthLimit.MAX_CONNECTIONS);
    EmbeddedChannel ch = server(budget);
    // Empty frames the framer would pass one by one: the bound applies to the bytes, whatever they are.
    ch.writeInbound(Unpooled.buffer().writeZero(PreAuthLimit.MAX_BYTES + 1));
    assertFalse(ch.isOpen());
    ch.finishAndReleaseAll();
    assertEquals(0, budget.held());
  }

  @Test
  void connectionsBeyondTheBudgetAreClosedBeforeTheGreeting() {
    PreAuthLimit.Budget budget = new PreAuthLimit.Budget(2);
    EmbeddedChannel first = server(budget);
    EmbeddedChannel second = server(budget);
    EmbeddedChannel third = server(budget);
    assertTrue(first.isOpen() && second.isOpen());
    assertFalse(third.isOpen());
    assertNull(third.readOutbound(), "a connection beyond the budget was greeted");
    assertEquals(2, budget.held());
    first.finishAndReleaseAll();
    assertEquals(1, budget.held());
    EmbeddedChannel fourth = server(budget);
    assertTrue(fourth.isOpen(), "a place freed by a close was not given to the next connection");
    second.finishAndReleaseAll();
    third.finishAndReleaseAll();
    fourth.finishAndReleaseAll();
    assertEquals(0, budget.held());
  }

  private static EmbeddedChannel server(PreAuthLimit.Budget budget) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    RejectionLog rejections = new RejectionLog(NOPLogger.NOP_LOGGER, "test.Iface");
    Pipelines.initHandshake(ch.pipeline(), new ServerHandshakeHandler(ServerHandshakeFuzzTest.ENDPOINT,
        FramesFuzzTest.SETTINGS, ServerHandshakeFuzzTest.SECRET, rejections, ctx -> {}));
    PreAuthLimit.install(ch.pipeline(), budget, rejections);
    ch.pipeline().fireChannelActive();
    return ch;
  }
}
