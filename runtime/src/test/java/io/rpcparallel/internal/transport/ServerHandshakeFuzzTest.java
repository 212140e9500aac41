package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.Frames;
import io.rpcparallel.internal.wire.HostileInput;
import java.util.concurrent.TimeUnit;
import org.slf4j.helpers.NOPLogger;

/**
 * Bytes from a stranger against the server's side of the handshake, as a worker's server sets it
 * up (pre-authentication limit, small framer, handshake): the stranger never authenticates, nothing
 * escapes the pipeline, and its place among the unauthenticated connections is given back.
 *
 * <p>Input: byte 0 picks the mode (odd: a client with the secret first sends a valid reply, so the
 * rest arrives just after authentication), byte 1 the read size (0: all at once), the rest is what
 * the peer sends. The handshake timeout then passes.
 */
class ServerHandshakeFuzzTest {
  static final Endpoint ENDPOINT = new Endpoint("test.Iface", "00000000000000aa");
  static final byte[] SECRET = new byte[32];
  private static final byte[] CLIENT_NONCE = new byte[Handshake.NONCE_BYTES];

  @FuzzTest(maxDuration = "5m")
  void strangersNeverAuthenticate(byte[] input) {
    if (input.length >= 2) {
      HostileInput.allocating(input.length, () -> run(input));
    }
  }

  private static void run(byte[] input) {
    boolean withSecret = (input[0] & 1) == 1;
    boolean[] authenticated = new boolean[1];
    FrameSink sink = new FrameSink(FramesFuzzTest.MAX_FRAME);
    PreAuthLimit.Budget budget = new PreAuthLimit.Budget(PreAuthLimit.MAX_CONNECTIONS);
    RejectionLog rejections = new RejectionLog(NOPLogger.NOP_LOGGER, ENDPOINT.interfaceName());
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    Pipelines.initHandshake(ch.pipeline(), new ServerHandshakeHandler(ENDPOINT, FramesFuzzTest.SETTINGS, SECRET,
        rejections, ctx -> {
          PreAuthLimit.lift(ch.pipeline());
          authenticated[0] = true;
          Pipelines.authenticated(ch.pipeline(), FramesFuzzTest.SETTINGS, sink);
        }));
    PreAuthLimit.install(ch.pipeline(), budget, rejections);
    try {
      ch.pipeline().fireChannelActive();
      byte[] serverNonce = serverNonce(ch.readOutbound());
      if (withSecret) {
        ch.writeInbound(reply(serverNonce));
        assertTrue(authenticated[0], "a client with the secret was refused");
      }
      FrameSink.feed(ch, input, 2, Byte.toUnsignedInt(input[1]));
      ch.advanceTimeBy(FramesFuzzTest.SETTINGS.handshakeTimeout().toMillis() + 1, TimeUnit.MILLISECONDS);
      ch.runPendingTasks();
      sink.check();
      assertEquals(withSecret, authenticated[0], "a stranger authenticated");
      assertTrue(withSecret || !ch.isOpen(), "a stranger's connection outlived the handshake timeout");
    } finally {
      ch.finishAndReleaseAll();
    }
    assertEquals(0, budget.held(), "a closed connection kept its place among the unauthenticated");
  }

  private static byte[] serverNonce(ByteBuf hello) {
    try {
      ByteBufWireInput in = new ByteBufWireInput(hello);
      in.readInt();
      in.readByte();
      in.readInt();
      in.readShort();
      in.readString();
      in.readString();
      return in.readBytes();
    } finally {
      hello.release();
    }
  }

  private static ByteBuf reply(byte[] serverNonce) {
    byte[] proof = Handshake.clientProof(SECRET, serverNonce, CLIENT_NONCE, ENDPOINT.fingerprint());
    return Frames.build(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, Frames.HELLO_REPLY,
        Frames.MAX_HANDSHAKE_FRAME, "hello", out -> {
          out.writeInt(Frames.MAGIC);
          out.writeShort(Frames.VERSION);
          out.writeString(ENDPOINT.fingerprint());
          out.writeBytes(CLIENT_NONCE);
          out.writeBytes(proof);
        });
  }
}
