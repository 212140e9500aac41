package io.rpcparallel.internal.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.internal.wire.Frames;
import org.slf4j.Logger;

/** What both ends of a connection do on idle events and on errors. */
final class Heartbeats {
  private Heartbeats() {}

  /**
   * Sends a heartbeat when we have been quiet for the interval; when the peer has been quiet for
   * the timeout, logs {@code No heartbeats received from <peer> for <timeout>} and closes.
   * Returns that message when it closed the channel, else null.
   */
  static String onEvent(ChannelHandlerContext ctx, Object evt, String peer, RpcSettings settings, Logger log) {
    if (!(evt instanceof IdleStateEvent e)) {
      ctx.fireUserEventTriggered(evt);
      return null;
    }
    switch (e.state()) {
      case WRITER_IDLE -> ctx.writeAndFlush(Frames.empty(ctx.alloc(), Frames.HEARTBEAT), ctx.voidPromise());
      case READER_IDLE -> {
        String message = "No heartbeats received from " + peer + " for " + settings.heartbeatTimeout();
        log.warn("{}; closing the connection", message);
        ctx.close();
        return message;
      }
      default -> { }
    }
    return null;
  }

  /** Logs why a connection is being closed on an error, then closes it. */
  static void onError(ChannelHandlerContext ctx, Throwable cause, String peer, RpcSettings settings, Logger log) {
    if (cause instanceof TooLongFrameException) {
      log.warn("closing the connection with {}: {} (max message size {} bytes)", peer, cause.getMessage(),
          settings.maxMessageSize());
    } else {
      log.debug("closing the connection with {}", peer, cause);
    }
    ctx.close();
  }
}
