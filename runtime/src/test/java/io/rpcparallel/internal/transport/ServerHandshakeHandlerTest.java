package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.Frames;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The server's handshake on an embedded channel: strangers are dropped before any call is decoded. */
class ServerHandshakeHandlerTest {
  private static final Endpoint ENDPOINT = new Endpoint("test.Iface", "00000000000000aa");
  private static final RpcSettings SETTINGS = RpcSettings.effective(null,
      RpcSettings.builder().handshakeTimeout(Duration.ofSeconds(3)));
  private final byte[] secret = new byte[32];
  private final AtomicBoolean authenticated = new AtomicBoolean();

  private EmbeddedChannel channel() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    Pipelines.initHandshake(ch.pipeline(), new ServerHandshakeHandler(ENDPOINT, SETTINGS, secret,
        new RejectionLog(org.slf4j.LoggerFactory.getLogger(getClass()), ENDPOINT.interfaceName()), ctx -> authenticated.set(true)));
    ch.pipeline().fireChannelActive();
    return ch;
  }

  private static byte[] readServerNonce(EmbeddedChannel ch) {
    ByteBuf hello = ch.readOutbound();
    try {
      ByteBufWireInput in = new ByteBufWireInput(hello);
      in.readInt(); // length
      assertEquals(Frames.HELLO, in.readByte());
      assertEquals(Frames.MAGIC, in.readInt());
      assertEquals(Frames.VERSION, in.readShort());
      assertEquals("test.Iface", in.readString());
      assertEquals("00000000000000aa", in.readString());
      return in.readBytes();
    } finally {
      hello.release();
    }
  }

  @Test
  void aCallBeforeTheHandshakeClosesTheChannel() {
    EmbeddedChannel ch = channel();
    readServerNonce(ch);
    ByteBuf call = Unpooled.buffer();
    call.writeInt(1 + 8 + 4 + 8).writeByte(Frames.CALL).writeLong(1).writeInt(42).writeLong(7);
    ch.writeInbound(call);
    assertFalse(ch.isActive());
    assertFalse(authenticated.get());
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void aHugeLengthIsRefusedWithoutBuffering() {
    EmbeddedChannel ch = channel();
    readServerNonce(ch);
    ByteBuf bad = Unpooled.buffer();
    bad.writeInt(Integer.MAX_VALUE).writeByte(Frames.HELLO_REPLY);
    ch.writeInbound(bad);
    assertFalse(ch.isActive());
    assertFalse(authenticated.get());
    ch.finishAndReleaseAll();
  }

  @Test
  void aSilentPeerIsDroppedAtTheHandshakeTimeout() {
    EmbeddedChannel ch = channel();
    readServerNonce(ch);
    ch.advanceTimeBy(2, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertTrue(ch.isActive());
    ch.advanceTimeBy(2, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertFalse(ch.isActive());
    ch.finishAndReleaseAll();
  }

  @Test
  void theRightProofAuthenticatesAndAWrongOneDoesNot() {
    for (boolean right : new boolean[] {true, false}) {
      authenticated.set(false);
      EmbeddedChannel ch = channel();
      byte[] serverNonce = readServerNonce(ch);
      byte[] clientNonce = Handshake.nonce();
      byte[] proof = Handshake.clientProof(right ? secret : new byte[] {1}, serverNonce, clientNonce,
          ENDPOINT.fingerprint());
      ch.writeInbound(Frames.build(ch.alloc(), Frames.HELLO_REPLY, Frames.MAX_HANDSHAKE_FRAME, "hello", out -> {
        out.writeInt(Frames.MAGIC);
        out.writeShort(Frames.VERSION);
        out.writeString(ENDPOINT.fingerprint());
        out.writeBytes(clientNonce);
        out.writeBytes(proof);
      }));
      assertEquals(right, authenticated.get());
      assertEquals(right, ch.isActive());
      if (right) {
        ByteBuf ok = ch.readOutbound();
        assertEquals(Frames.HELLO_OK, ok.getByte(4));
        ok.release();
      } else {
        assertNull(ch.readOutbound());
      }
      ch.finishAndReleaseAll();
    }
  }
}
