package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import io.rpcparallel.ConnectionException;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.Frames;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The client's side of the handshake: answers the server's challenge and checks its proof. */
final class ClientHandshakeHandler extends ChannelInboundHandlerAdapter {
  private final Endpoint expected;
  private final String peer;
  private final byte[] secret;
  private final boolean tls;
  private final CompletableFuture<Void> result;
  private final Consumer<ChannelHandlerContext> onAuthenticated;
  private byte[] serverNonce;
  private byte[] clientNonce;

  ClientHandshakeHandler(Endpoint expected, String peer, byte[] secret, boolean tls, CompletableFuture<Void> result,
      Consumer<ChannelHandlerContext> onAuthenticated) {
    this.tls = tls;
    this.expected = expected;
    this.peer = peer;
    this.secret = secret;
    this.result = result;
    this.onAuthenticated = onAuthenticated;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    try {
      if (result.isDone()) {
        return;
      }
      ByteBufWireInput in = new ByteBufWireInput(frame);
      byte kind = in.readByte();
      switch (kind) {
        case Frames.HELLO -> onHello(ctx, in);
        case Frames.HELLO_OK -> onOk(ctx, in);
        case Frames.HELLO_REJECT -> fail(ctx, "the worker at " + peer + " refused the connection: " + in.readString());
        default -> fail(ctx, "the peer at " + peer + " sent frame kind " + kind + " during the handshake");
      }
    } catch (RuntimeException e) {
      fail(ctx, "malformed handshake from " + peer + ": " + e.getMessage());
    } finally {
      frame.release();
    }
  }

  private void onHello(ChannelHandlerContext ctx, ByteBufWireInput in) {
    if (serverNonce != null) {
      fail(ctx, "the peer at " + peer + " sent two handshakes");
      return;
    }
    int magic = in.readInt();
    short version = in.readShort();
    if (magic != Frames.MAGIC) {
      fail(ctx, "the peer at " + peer + " is not an rpc-parallel worker");
      return;
    }
    if (version != Frames.VERSION) {
      fail(ctx, "the worker at " + peer + " speaks protocol version " + version + ", this process "
          + Frames.VERSION + "; use the same rpc-parallel version on both ends");
      return;
    }
    String iface = in.readString();
    String fingerprint = in.readString();
    serverNonce = in.readBytes();
    if (!fingerprint.equals(expected.fingerprint())) {
      fail(ctx, "interface mismatch: the worker at " + peer + " serves " + iface + " (fingerprint "
          + fingerprint + ") but this process expects " + expected.interfaceName() + " (fingerprint "
          + expected.fingerprint() + "); build master and worker from the same sources");
      return;
    }
    if (serverNonce.length != Handshake.NONCE_BYTES) {
      fail(ctx, "malformed handshake from " + peer);
      return;
    }
    clientNonce = Handshake.nonce();
    byte[] proof = Handshake.clientProof(secret, serverNonce, clientNonce, fingerprint);
    ctx.writeAndFlush(Frames.build(ctx.alloc(), Frames.HELLO_REPLY, Frames.MAX_HANDSHAKE_FRAME, "hello", out -> {
      out.writeInt(Frames.MAGIC);
      out.writeShort(Frames.VERSION);
      out.writeString(fingerprint);
      out.writeBytes(clientNonce);
      out.writeBytes(proof);
    }));
  }

  private void onOk(ChannelHandlerContext ctx, ByteBufWireInput in) {
    if (clientNonce == null) {
      fail(ctx, "the peer at " + peer + " skipped the handshake");
      return;
    }
    byte[] proof = in.readBytes();
    byte[] want = Handshake.serverProof(secret, serverNonce, clientNonce, expected.fingerprint());
    if (!MessageDigest.isEqual(want, proof)) {
      fail(ctx, "the worker at " + peer + " failed to prove it belongs to this run");
      return;
    }
    onAuthenticated.accept(ctx);
    result.complete(null);
  }

  private void fail(ChannelHandlerContext ctx, String message) {
    result.completeExceptionally(new ConnectionException(message));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    result.completeExceptionally(new ConnectionException("the connection to " + peer
        + " closed during the handshake (a worker of another run, or one shutting down"
        + (tls ? "" : ", or one that accepts only TLS: both ends must agree on transport_security") + ")"));
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess() && !result.isDone()) {
      fail(ctx, tlsFailure(e.cause()));
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  private String tlsFailure(Throwable cause) {
    return "TLS handshake with " + peer + " failed: " + cause.getMessage() + " (a peer of another run, or one"
        + " without TLS: both ends must agree on transport_security)";
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (!result.isDone() && (t instanceof SSLException || t instanceof NotSslRecordException)) {
      fail(ctx, tlsFailure(t));
    } else if (!result.isDone() && t instanceof TooLongFrameException) {
      // A TLS server's alert, or no rpc-parallel peer at all.
      fail(ctx, "the peer at " + peer + " sent something that is not an rpc-parallel handshake (" + t.getMessage()
          + "): a worker that accepts only TLS, or not a worker; both ends must agree on transport_security");
    } else if (!result.isDone()) {
      fail(ctx, "handshake with " + peer + " failed: " + cause);
    }
    // Otherwise the handshake failed and the connection is closing (an authenticated one has its
    // own handler instead of this one): what the framer makes of the rest of the read is moot.
  }
}
