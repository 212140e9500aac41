package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a connection may hold of a server before it authenticates: one of at most
 * {@link #MAX_CONNECTIONS} unauthenticated connections at once (the newest beyond that is closed
 * at once, before the greeting), and at most {@link #MAX_BYTES} bytes (the handshake takes a few
 * hundred). So strangers can neither exhaust a worker's file descriptors nor make it buffer what
 * they send; the handshake timeout bounds how long each of them holds its place.
 *
 * <p>In the pipeline just before the framer, from the connection's start until it authenticates.
 */
final class PreAuthLimit extends ChannelInboundHandlerAdapter {
  static final String NAME = "pre-auth-limit";
  /** Unauthenticated connections a server holds at once. */
  static final int MAX_CONNECTIONS = 64;
  /** Bytes a connection may send before it has authenticated. */
  static final int MAX_BYTES = 4096;

  /** The unauthenticated connections of one server. */
  static final class Budget {
    private final AtomicInteger held = new AtomicInteger();
    private final int max;

    Budget(int max) {
      this.max = max;
    }

    private boolean acquire() {
      if (held.incrementAndGet() > max) {
        held.decrementAndGet();
        return false;
      }
      return true;
    }

    private void release() {
      held.decrementAndGet();
    }

    /** Connections now holding a place (for tests). */
    int held() {
      return held.get();
    }
  }

  private final Budget budget;
  private final RejectionLog rejections;
  private boolean holding;
  private boolean refused;
  private long received;

  private PreAuthLimit(Budget budget, RejectionLog rejections) {
    this.budget = budget;
    this.rejections = rejections;
  }

  /** Puts the limit in front of the framer of a connection set up by {@link Pipelines#initHandshake}. */
  static void install(ChannelPipeline p, Budget budget, RejectionLog rejections) {
    p.addBefore(Pipelines.FRAMER, NAME, new PreAuthLimit(budget, rejections));
  }

  /** Lifts the limit: the connection has authenticated. */
  static void lift(ChannelPipeline p) {
    if (p.get(NAME) != null) {
      p.remove(NAME);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (!budget.acquire()) {
      refuse(ctx, "more than " + budget.max + " connections were authenticating at once");
      return; // no greeting, no handshake timer: the connection is closing
    }
    holding = true;
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    received += ((ByteBuf) msg).readableBytes();
    if (received > MAX_BYTES) {
      ReferenceCountUtil.release(msg);
      refuse(ctx, "sent more than " + MAX_BYTES + " bytes without authenticating");
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private void refuse(ChannelHandlerContext ctx, String reason) {
    refused = true;
    rejections.rejected(ctx.channel().remoteAddress(), reason, ctx.executor());
    ctx.close();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    // Removed when the connection authenticates, or when it closes: either way its place is free.
    if (holding) {
      holding = false;
      budget.release();
    }
  }
}
