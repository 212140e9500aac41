package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.internal.wire.Frames;
import io.rpcparallel.internal.wire.HostileInput;

/**
 * Hostile bytes on an authenticated connection's pipeline (the framer with its hard limit and
 * large-frame cumulator, then the frame headers and error bodies as the connection handlers read
 * them): frames within the limit, a {@code WireFormatException} or a framing error that closes the
 * connection, nothing else; never more heap than the bytes justify.
 *
 * <p>The first byte sets how the rest arrives: in reads of that many bytes, or (0) all at once.
 */
class FramesFuzzTest {
  static final RpcSettings SETTINGS = RpcSettings.effective(null, RpcSettings.builder().maxMessageSize(4096));
  static final int MAX_FRAME = 4 + SETTINGS.maxMessageSize() + Frames.HEADROOM;

  @FuzzTest(maxDuration = "5m")
  void framesDecodeOrClose(byte[] input) {
    if (input.length >= 1) {
      HostileInput.allocating(input.length, () -> run(input));
    }
  }

  private static void run(byte[] input) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    FrameSink sink = new FrameSink(MAX_FRAME);
    Pipelines.initHandshake(ch.pipeline(), new ChannelInboundHandlerAdapter());
    Pipelines.authenticated(ch.pipeline(), SETTINGS, sink);
    try {
      FrameSink.feed(ch, input, 1, Byte.toUnsignedInt(input[0]));
      sink.check();
      assertTrue(sink.frameBytes <= input.length - 1, "more frame bytes than were sent");
    } finally {
      ch.finishAndReleaseAll();
    }
  }
}
