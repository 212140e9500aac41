package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.internal.wire.Frames;
import org.junit.jupiter.api.Test;

/** The framer refuses a frame from its header alone, before buffering its body. */
class PipelinesTest {
  private static ByteBuf header(int length) {
    return Unpooled.buffer(8).writeInt(length).writeByte(Frames.CALL);
  }

  @Test
  void anOversizedFrameIsRefusedFromItsHeaderDuringTheHandshake() {
    EmbeddedChannel channel = new EmbeddedChannel();
    Pipelines.initHandshake(channel.pipeline(), new ChannelInboundHandlerAdapter());
    assertThrows(TooLongFrameException.class,
        () -> channel.writeInbound(header(Frames.MAX_HANDSHAKE_FRAME + 1)));
    assertFalse(channel.finishAndReleaseAll());
  }

  @Test
  void afterTheHandshakeTheLimitIsTheMaxMessageSize() {
    int max = 64 * 1024;
    EmbeddedChannel channel = new EmbeddedChannel();
    Pipelines.initHandshake(channel.pipeline(), new ChannelInboundHandlerAdapter());
    Pipelines.authenticated(channel.pipeline(),
        RpcSettings.effective(null, RpcSettings.builder().maxMessageSize(max)), new ChannelInboundHandlerAdapter());
    // The largest frame Frames.build makes is let through whole (the handshake's limit no
    // longer applies)...
    int atLimit = max + Frames.HEADROOM;
    ByteBuf frame = Unpooled.buffer(4 + atLimit).writeInt(atLimit).writeZero(atLimit);
    channel.writeInbound(frame);
    ByteBuf body = channel.readInbound();
    assertEquals(atLimit, body.readableBytes());
    body.release();
    // ...and one byte more is refused as soon as its header arrives.
    assertThrows(TooLongFrameException.class, () -> channel.writeInbound(header(atLimit + 1)));
    assertFalse(channel.finishAndReleaseAll());
  }
}
