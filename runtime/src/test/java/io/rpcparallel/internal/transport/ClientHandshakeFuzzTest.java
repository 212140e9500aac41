package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rpcparallel.ConnectionException;
import io.rpcparallel.internal.wire.Frames;
import io.rpcparallel.internal.wire.HostileInput;
import java.util.concurrent.CompletableFuture;

/**
 * Bytes from a peer that is not the worker (or not of this run) against the client's side of the
 * handshake: the connection never counts as authenticated, the handshake fails with a
 * {@link ConnectionException} or stays waiting (for the caller's timeout), and nothing escapes the
 * pipeline.
 *
 * <p>Input: byte 0 picks the mode (odd: a valid greeting with the expected fingerprint comes
 * first, so the rest is what follows the client's reply), byte 1 the read size (0: all at once),
 * the rest is what the peer sends.
 */
class ClientHandshakeFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void impostorsNeverAuthenticate(byte[] input) {
    if (input.length >= 2) {
      HostileInput.allocating(input.length, () -> run(input));
    }
  }

  private static void run(byte[] input) {
    boolean[] authenticated = new boolean[1];
    CompletableFuture<Void> result = new CompletableFuture<>();
    FrameSink sink = new FrameSink(FramesFuzzTest.MAX_FRAME);
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    Pipelines.initHandshake(ch.pipeline(), new ClientHandshakeHandler(ServerHandshakeFuzzTest.ENDPOINT, "peer",
        ServerHandshakeFuzzTest.SECRET, false, result, ctx -> {
          authenticated[0] = true;
          Pipelines.authenticated(ch.pipeline(), FramesFuzzTest.SETTINGS, sink);
        }));
    try {
      ch.pipeline().fireChannelActive();
      if ((input[0] & 1) == 1) {
        ch.writeInbound(hello());
        assertTrue(ch.isOpen(), "a valid greeting was refused");
      }
      FrameSink.feed(ch, input, 2, Byte.toUnsignedInt(input[1]));
      sink.check();
      assertFalse(authenticated[0], "an impostor authenticated");
      if (result.isDone()) {
        Throwable failure = result.handle((ok, e) -> e).join();
        assertTrue(failure instanceof ConnectionException, () -> "the handshake with an impostor ended with " + failure);
      }
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  static ByteBuf hello() {
    return Frames.build(UnpooledByteBufAllocator.DEFAULT, Frames.HELLO, Frames.MAX_HANDSHAKE_FRAME, "hello", out -> {
      out.writeInt(Frames.MAGIC);
      out.writeShort(Frames.VERSION);
      out.writeString(ServerHandshakeFuzzTest.ENDPOINT.interfaceName());
      out.writeString(ServerHandshakeFuzzTest.ENDPOINT.fingerprint());
      out.writeBytes(new byte[Handshake.NONCE_BYTES]);
    });
  }
}
