package io.rpcparallel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rpcparallel.internal.log.LogRecordCodec;
import io.rpcparallel.internal.transport.SettingsCodec;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzzers found (kept in their corpus too) that made a decoder throw something other
 * than {@link WireFormatException}; each is now refused as malformed.
 */
class HostileBytesTest {
  private static WireFormatException refused(Consumer<WireOutput> bytes, Function<WireInput, ?> decode) {
    ByteBuf buf = Unpooled.buffer();
    try {
      bytes.accept(new ByteBufWireOutput(buf));
      return assertThrows(WireFormatException.class, () -> decode.apply(new ByteBufWireInput(buf)));
    } finally {
      buf.release();
    }
  }

  @Test
  void aSortedSetWithNullIsRefused() {
    WireFormatException e = refused(out -> {
      out.writeNotNull(true);
      out.writeLength(2);
      Codecs.STRING.encode(out, "a");
      Codecs.STRING.encode(out, null);
    }, Codecs.sortedSet(Codecs.STRING)::decode);
    assertTrue(e.getMessage().contains("a sorted set's element is null"), e.getMessage());
  }

  @Test
  void aSortedMapWithANullKeyIsRefused() {
    refused(out -> {
      out.writeNotNull(true);
      out.writeLength(1);
      Codecs.STRING.encode(out, null);
      Codecs.INT.encode(out, 1);
    }, Codecs.sortedMap(Codecs.STRING, Codecs.INT)::decode);
  }

  @Test
  void aLogRecordBeyondTheLastInstantIsRefused() {
    refused(out -> {
      out.writeLong(Long.MAX_VALUE);
      out.writeInt(0);
    }, LogRecordCodec.INSTANCE::decode);
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    refused(out -> {
      out.writeInt(0); // max message size
      for (int i = 0; i < 4; i++) {
        out.writeLong(1_000_000_000L);
      }
      out.writeInt(1);
      out.writeInt(1);
      out.writeLong(0);
      out.writeString("");
      out.writeString("");
    }, SettingsCodec::decode);
  }
}
