package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.Frames;
import java.security.MessageDigest;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the handshake. Speaks first (HELLO with a nonce), then accepts exactly one
 * small HELLO_REPLY; a peer that sends anything else, fails the proof, or stays silent past the
 * handshake timeout is dropped before any call is decoded.
 */
final class ServerHandshakeHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ServerHandshakeHandler.class);

  private final Endpoint endpoint;
  private final RpcSettings settings;
  private final byte[] secret;
  private final RejectionLog rejections;
  private final Consumer<ChannelHandlerContext> onAuthenticated;
  private final byte[] nonce = Handshake.nonce();
  private ScheduledFuture<?> timeout;
  private boolean done;

  ServerHandshakeHandler(Endpoint endpoint, RpcSettings settings, byte[] secret, RejectionLog rejections,
      Consumer<ChannelHandlerContext> onAuthenticated) {
    this.endpoint = endpoint;
    this.rejections = rejections;
    this.settings = settings;
    this.secret = secret;
    this.onAuthenticated = onAuthenticated;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    timeout = ctx.executor().schedule(() -> {
      if (!done) {
        reject(ctx, "no handshake within " + settings.handshakeTimeout(), false);
      }
    }, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    ctx.writeAndFlush(Frames.build(ctx.alloc(), Frames.HELLO, Frames.MAX_HANDSHAKE_FRAME, "hello", out -> {
      out.writeInt(Frames.MAGIC);
      out.writeShort(Frames.VERSION);
      out.writeString(endpoint.interfaceName());
      out.writeString(endpoint.fingerprint());
      out.writeBytes(nonce);
    }));
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    try {
      if (done) {
        return;
      }
      ByteBufWireInput in = new ByteBufWireInput(frame);
      byte kind = in.readByte();
      if (kind != Frames.HELLO_REPLY) {
        reject(ctx, "expected a handshake, got frame kind " + kind, false);
        return;
      }
      int magic = in.readInt();
      short version = in.readShort();
      if (magic != Frames.MAGIC) {
        reject(ctx, "not an rpc-parallel peer", false);
        return;
      }
      if (version != Frames.VERSION) {
        reject(ctx, "protocol version " + version + " is not supported (this worker speaks "
            + Frames.VERSION + ")", true);
        return;
      }
      String fingerprint = in.readString();
      byte[] clientNonce = in.readBytes();
      byte[] proof = in.readBytes();
      if (!fingerprint.equals(endpoint.fingerprint())) {
        reject(ctx, "interface mismatch: this worker serves " + endpoint.interfaceName()
            + " with fingerprint " + endpoint.fingerprint() + ", the client expects fingerprint "
            + fingerprint + "; build both from the same sources", true);
        return;
      }
      byte[] expected = Handshake.clientProof(secret, nonce, clientNonce, fingerprint);
      if (clientNonce.length != Handshake.NONCE_BYTES || !MessageDigest.isEqual(expected, proof)) {
        reject(ctx, "authentication failed", false);
        return;
      }
      done = true;
      timeout.cancel(false);
      byte[] serverProof = Handshake.serverProof(secret, nonce, clientNonce, fingerprint);
      ctx.writeAndFlush(Frames.build(ctx.alloc(), Frames.HELLO_OK, Frames.MAX_HANDSHAKE_FRAME, "hello",
          out -> out.writeBytes(serverProof)));
      onAuthenticated.accept(ctx);
    } catch (RuntimeException e) {
      reject(ctx, "malformed handshake: " + e.getMessage(), false);
    } finally {
      frame.release();
    }
  }

  private void reject(ChannelHandlerContext ctx, String reason, boolean tellPeer) {
    done = true;
    if (timeout != null) {
      timeout.cancel(false);
    }
    rejections.rejected(ctx.channel().remoteAddress(), reason, ctx.executor());
    if (tellPeer) {
      ctx.writeAndFlush(Frames.build(ctx.alloc(), Frames.HELLO_REJECT, Frames.MAX_HANDSHAKE_FRAME,
          "reject", out -> out.writeString(reason))).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess() && !done) {
      if (e.cause() instanceof SSLException) {
        // Nothing the peer sent reached the framer: a stranger without a certificate of this run.
        reject(ctx, "TLS handshake failed: " + e.cause().getMessage(), false);
      } else {
        // The peer closed before the TLS handshake ended (a port check): an ordinary close.
        log.debug("connection from {} closed during its TLS handshake: {}", ctx.channel().remoteAddress(),
            e.cause().toString());
        done = true;
        if (timeout != null) {
          timeout.cancel(false);
        }
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable tls = cause instanceof DecoderException && cause.getCause() instanceof SSLException
        ? cause.getCause() : cause;
    if (tls instanceof SSLException) {
      if (!done) {
        reject(ctx, "TLS handshake failed: " + tls.getMessage(), false);
      } else {
        ctx.close();
      }
    } else if (cause instanceof TooLongFrameException && !done) {
      reject(ctx, "not an rpc-parallel handshake (" + cause.getMessage() + "; a TLS client reaching a server without"
          + " TLS looks like this: both ends must agree on transport_security)", false);
    } else if (cause instanceof java.io.IOException) {
      // The peer went away (reset, broken pipe): an ordinary close, not a rejection.
      log.debug("connection from {} closed during its handshake: {}", ctx.channel().remoteAddress(), cause.toString());
      done = true;
      ctx.close();
    } else if (!done) {
      reject(ctx, cause.toString(), false);
    } else {
      // Rejected and closing (an authenticated connection has its own handler instead of this one):
      // the framer may still fail on what followed in the same read. Passed on, it would reach the
      // end of the pipeline and be logged there, once per stranger, past the rejection log's bound.
      log.debug("after rejecting {}: {}", ctx.channel().remoteAddress(), cause.toString());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timeout != null) {
      timeout.cancel(false);
    }
    ctx.fireChannelInactive();
  }
}
