package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.internal.stream.StreamTable;
import io.rpcparallel.internal.wire.Frames;
import java.util.concurrent.Executor;
import org.slf4j.Logger;

/**
 * What both ends of an authenticated connection do with what arrives: heartbeats, stream frames,
 * malformed frames, idle and writability events, the close. Each end adds the frames only it
 * handles ({@link #onFrame}) and what it does when the connection ends ({@link #onClosed}).
 */
abstract class ConnectionHandler extends ChannelInboundHandlerAdapter {
  protected final Channel channel;
  protected final RpcSettings settings;
  protected final WriteBufferAge age;
  protected final StreamTable streams;
  /**
   * Where calls, replies and stream frames are sent from: one queue, so each thread's frames leave
   * in the order it sent them, coalesced into one write and flush per batch.
   */
  protected final Outbox outbox;
  private final String peer;
  private final Logger log;
  /** Why the connection was closed for lack of heartbeats, or null. */
  private volatile String heartbeatFailure;
  /** {@link System#nanoTime()} at the end of the last read from the peer: set once per read batch. */
  private volatile long lastReadNanos = System.nanoTime();

  /**
   * @param peer how log lines and errors name the other end
   * @param executor where the connection's streams hand items over and run callbacks
   */
  ConnectionHandler(Channel channel, RpcSettings settings, String peer, Logger log, Executor executor) {
    this.channel = channel;
    this.settings = settings;
    this.peer = peer;
    this.log = log;
    this.age = new WriteBufferAge(channel, settings.writeBufferAgeLimit(), peer);
    this.outbox = new Outbox(channel);
    this.streams = new StreamTable(channel, settings.maxMessageSize(), peer, executor, outbox::send);
  }

  /** How errors name the other end. */
  final String peer() {
    return peer;
  }

  /** {@return how long the peer has sent nothing (no frame, no heartbeat), in nanoseconds} */
  final long quietNanos() {
    return System.nanoTime() - lastReadNanos;
  }

  /** The heartbeat failure that closed the connection, or null. */
  final String heartbeatFailure() {
    return heartbeatFailure;
  }

  /**
   * Handles a frame of a kind this end knows (its kind already read). Returns true if the frame
   * now belongs to the callee, which releases it; false to have it released here. Throws
   * {@link IllegalArgumentException} for a kind this end does not take.
   */
  abstract boolean onFrame(ChannelHandlerContext ctx, byte kind, ByteBuf frame);

  /** The connection ended; runs on the event loop, after every stream of it is failed. */
  abstract void onClosed(ChannelHandlerContext ctx);

  @Override
  public final void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    boolean handedOff = false;
    try {
      byte kind = frame.readByte();
      if (kind == Frames.HEARTBEAT) {
        return;
      }
      if (!streams.onFrame(kind, frame)) {
        handedOff = onFrame(ctx, kind, frame);
      }
    } catch (RuntimeException e) {
      // A peer that sends what we cannot read is not one we can keep talking to.
      log.warn("closing the connection with {}: malformed frame: {}", peer, e.toString());
      ctx.close();
    } finally {
      if (!handedOff) {
        frame.release();
      }
    }
  }

  @Override
  public final void channelReadComplete(ChannelHandlerContext ctx) {
    lastReadNanos = System.nanoTime();
    ctx.fireChannelReadComplete();
  }

  @Override
  public final void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    String failure = Heartbeats.onEvent(ctx, evt, peer, settings, log);
    if (failure != null) {
      heartbeatFailure = failure;
    }
  }

  @Override
  public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Heartbeats.onError(ctx, cause, peer, settings, log);
  }

  @Override
  public final void channelWritabilityChanged(ChannelHandlerContext ctx) {
    age.changed();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public final void channelInactive(ChannelHandlerContext ctx) {
    age.closed();
    onClosed(ctx);
    ctx.fireChannelInactive();
  }
}
