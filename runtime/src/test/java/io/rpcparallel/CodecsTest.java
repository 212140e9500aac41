package io.rpcparallel;

import static io.rpcparallel.RoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodecsTest {
  enum Suit { CLUBS, DIAMONDS, HEARTS }


  @Test
  void scalarsAndNulls() {
    assertEquals(Boolean.TRUE, roundTrip(Codecs.BOOLEAN, true));
    assertEquals(Byte.MIN_VALUE, roundTrip(Codecs.BYTE, Byte.MIN_VALUE));
    assertEquals((short) -3, roundTrip(Codecs.SHORT, (short) -3));
    assertEquals('\uffff', roundTrip(Codecs.CHAR, '\uffff'));
    assertEquals(Integer.MIN_VALUE, roundTrip(Codecs.INT, Integer.MIN_VALUE));
    assertEquals(Long.MAX_VALUE, roundTrip(Codecs.LONG, Long.MAX_VALUE));
    assertEquals(Float.NaN, roundTrip(Codecs.FLOAT, Float.NaN));
    assertEquals(-0.0d, roundTrip(Codecs.DOUBLE, -0.0d));
    assertEquals("ünï😀cødé", roundTrip(Codecs.STRING, "ünï😀cødé"));
    assertEquals("", roundTrip(Codecs.STRING, ""));
    assertArrayEquals(new byte[] {0, -1, 127}, roundTrip(Codecs.BYTES, new byte[] {0, -1, 127}));
    for (Codec<?> c : List.of(Codecs.BOOLEAN, Codecs.INT, Codecs.LONG, Codecs.STRING, Codecs.BYTES)) {
      @SuppressWarnings("unchecked")
      Codec<Object> o = (Codec<Object>) c;
      assertNull(roundTrip(o, null));
    }
  }

  @Test
  void collectionsKeepOrderAndNulls() {
    List<String> list = Arrays.asList("a", null, "c");
    assertEquals(list, roundTrip(Codecs.list(Codecs.STRING), list));
    assertEquals(List.of(), roundTrip(Codecs.list(Codecs.STRING), List.of()));
    Map<String, List<Long>> map = new LinkedHashMap<>();
    map.put("z", List.of(1L, 2L));
    map.put("a", null);
    Map<String, List<Long>> back = roundTrip(Codecs.map(Codecs.STRING, Codecs.list(Codecs.LONG)), map);
    assertEquals(map, back);
    assertEquals(List.of("z", "a"), List.copyOf(back.keySet()));
    assertEquals(Optional.of(3), roundTrip(Codecs.optional(Codecs.INT), Optional.of(3)));
    assertEquals(Optional.empty(), roundTrip(Codecs.optional(Codecs.INT), Optional.empty()));
    assertNull(roundTrip(Codecs.optional(Codecs.INT), null));
    assertEquals(Suit.HEARTS, roundTrip(Codecs.enumOf(Suit.values()), Suit.HEARTS));
  }

  @Test
  void corruptInputIsAClearErrorNotAnAllocation() {
    ByteBuf buf = Unpooled.buffer();
    try {
      ByteBufWireOutput out = new ByteBufWireOutput(buf);
      out.writeNotNull("x");
      out.writeLength(Integer.MAX_VALUE); // a list claiming 2^31-1 elements in a 6-byte message
      WireFormatException e = assertThrows(WireFormatException.class,
          () -> Codecs.list(Codecs.INT).decode(new ByteBufWireInput(buf)));
      assertEquals("length 2147483647 exceeds the 0 bytes left in the message", e.getMessage());
    } finally {
      buf.release();
    }
    ByteBuf enumBuf = Unpooled.buffer();
    try {
      ByteBufWireOutput out = new ByteBufWireOutput(enumBuf);
      out.writeNotNull("x");
      out.writeLength(7);
      assertThrows(WireFormatException.class, () -> Codecs.enumOf(Suit.values()).decode(new ByteBufWireInput(enumBuf)));
    } finally {
      enumBuf.release();
    }
    ByteBuf truncated = Unpooled.wrappedBuffer(new byte[] {1, 0, 0});
    try {
      assertThrows(WireFormatException.class, () -> Codecs.LONG.decode(new ByteBufWireInput(truncated)));
    } finally {
      truncated.release();
    }
    ByteBuf badFlag = Unpooled.wrappedBuffer(new byte[] {9});
    try {
      assertThrows(WireFormatException.class, () -> Codecs.STRING.decode(new ByteBufWireInput(badFlag)));
    } finally {
      badFlag.release();
    }
  }
}
