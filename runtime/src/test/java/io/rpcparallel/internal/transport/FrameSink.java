package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.rpcparallel.WireFormatException;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.Frames;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a fuzzed pipeline: decodes the header (and error body) of every frame the framer
 * passes on, as the connection handlers do, and records anything a hostile peer must never cause:
 * an exception other than {@link WireFormatException} or a framing error, a frame beyond the limit.
 */
final class FrameSink extends ChannelInboundHandlerAdapter {
  private final int maxFrame;
  final List<Throwable> unexpected = new ArrayList<>();
  long frameBytes;

  FrameSink(int maxFrame) {
    this.maxFrame = maxFrame;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    try {
      frameBytes += 4 + frame.readableBytes();
      if (4 + frame.readableBytes() > maxFrame) {
        unexpected.add(new AssertionError("a frame of " + frame.readableBytes() + " bytes passed a limit of " + maxFrame));
      }
      decode(new ByteBufWireInput(frame));
    } catch (WireFormatException e) {
      ctx.close(); // what a connection does with a frame it cannot read
    } catch (RuntimeException e) {
      unexpected.add(e);
    } finally {
      frame.release();
    }
  }

  private static void decode(ByteBufWireInput in) {
    byte kind = in.readByte();
    switch (kind) {
      case Frames.CALL, Frames.CONTROL -> {
        in.readLong();
        in.readInt();
      }
      case Frames.ONEWAY -> in.readInt();
      case Frames.REPLY, Frames.STREAM_ITEM, Frames.STREAM_END, Frames.STREAM_CANCEL, Frames.STREAM_BLOCKED ->
          in.readLong();
      case Frames.ERROR, Frames.STREAM_ERROR -> {
        in.readLong();
        // Never throws: an undecodable error becomes a RemoteException saying so.
        Frames.readFailure(in, "peer");
      }
      case Frames.STREAM_CREDIT -> {
        in.readLong();
        in.readInt();
        in.readLong();
      }
      default -> {
        // heartbeats and kinds the connection refuses: nothing more to read
      }
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof DecoderException)) {
      unexpected.add(cause); // a framing error (too long, negative length) closes; nothing else may arrive
    }
    ctx.close();
  }

  /** Writes {@code bytes} from {@code offset} into {@code ch} in reads of {@code chunk} bytes (0: one read). */
  static void feed(EmbeddedChannel ch, byte[] bytes, int offset, int chunk) {
    int step = chunk <= 0 ? Math.max(1, bytes.length - offset) : chunk;
    for (int i = offset; i < bytes.length && ch.isOpen(); i += step) {
      ch.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(step, bytes.length - i)));
    }
  }

  /** Fails the fuzz test if the peer caused anything it must not. */
  void check() {
    if (!unexpected.isEmpty()) {
      AssertionError e = new AssertionError("hostile bytes caused " + unexpected.get(0), unexpected.get(0));
      unexpected.stream().skip(1).forEach(e::addSuppressed);
      throw e;
    }
  }
}
