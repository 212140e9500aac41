package io.rpcparallel.internal.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.internal.wire.Frames;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every connection: flush consolidation, framing with a hard maximum (small until
 * the handshake is done), the handshake, then heartbeats and one stateful handler.
 */
final class Pipelines {
  static final String FRAMER = "framer";
  static final String HANDSHAKE = "handshake";
  static final String FLUSH = "flush";
  static final String TLS = "tls";

  private Pipelines() {}

  /** The pipeline of a new plain connection. */
  static void initHandshake(ChannelPipeline p, ChannelHandler handshake) {
    initHandshake(p, null, handshake);
  }

  /**
   * The pipeline of a new connection; with {@code tls} (may be null) first, so that nothing the
   * peer sends reaches the framer before the TLS handshake has succeeded, and flushes are merged
   * before encryption (fewer, fuller records).
   */
  static void initHandshake(ChannelPipeline p, ChannelHandler tls, ChannelHandler handshake) {
    if (tls != null) {
      p.addLast(TLS, tls);
    }
    p.addLast(FLUSH, new FlushConsolidationHandler(256, true));
    p.addLast(FRAMER, framer(Frames.MAX_HANDSHAKE_FRAME));
    p.addLast(HANDSHAKE, handshake);
  }

  /** Swaps the handshake for the connection's own handler, with the full frame limit and heartbeats. */
  static void authenticated(ChannelPipeline p, RpcSettings settings, ChannelHandler handler) {
    // The decoder's max counts the length field too: accept exactly what Frames.build may send.
    p.replace(FRAMER, FRAMER, framer(4 + settings.maxMessageSize() + Frames.HEADROOM));
    p.addBefore(FRAMER, "idle", new IdleStateHandler(settings.heartbeatTimeout().toMillis(),
        settings.heartbeatInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
    p.replace(HANDSHAKE, "rpc", handler);
  }

  private static LengthFieldBasedFrameDecoder framer(int maxFrame) {
    // [int length][kind][body]; the length is stripped, and checked before anything is buffered.
    LengthFieldBasedFrameDecoder framer = new LengthFieldBasedFrameDecoder(maxFrame, 0, 4, 0, 4, true);
    framer.setCumulator(CUMULATOR);
    return framer;
  }

  /** Frames at least this long are gathered from their reads without copying. */
  static final int LARGE_FRAME = 64 << 10;

  /**
   * Gathers the reads of a large frame as the parts of a composite buffer instead of copying them
   * into one growing buffer (which copied a 1 MiB stream item about twice more before it was
   * decoded); small frames are merged as usual, which keeps reading them cheap. The cumulation
   * always starts at a frame's length field: the framer takes every whole frame out of it.
   */
  private static final ByteToMessageDecoder.Cumulator CUMULATOR = (alloc, cumulation, in) ->
      cumulation.readableBytes() >= 4 && cumulation.getInt(cumulation.readerIndex()) >= LARGE_FRAME
          ? ByteToMessageDecoder.COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, in)
          : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
}
