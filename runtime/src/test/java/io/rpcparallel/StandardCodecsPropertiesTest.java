package io.rpcparallel;

import static io.rpcparallel.RoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.WithNull;
import org.junit.jupiter.api.Test;

/** The standard codecs round-trip random values, through the real Netty wire input and output. */
class StandardCodecsPropertiesTest {

  @Property
  void bigNumbers(@ForAll @WithNull BigInteger i, @ForAll @WithNull BigDecimal d) {
    assertEquals(i, roundTrip(Codecs.BIG_INTEGER, i));
    assertEquals(d, roundTrip(Codecs.BIG_DECIMAL, d)); // equals compares the scale too
  }

  @Property
  void uuids(@ForAll long high, @ForAll long low) {
    UUID id = new UUID(high, low);
    assertEquals(id, roundTrip(Codecs.UUID, id));
  }

  @Property
  void time(@ForAll("instants") Instant instant, @ForAll("zones") ZoneId zone,
      @ForAll long seconds, @ForAll("nanos") int nanos) {
    assertEquals(instant, roundTrip(Codecs.INSTANT, instant));
    Duration duration = Duration.ofSeconds(seconds, nanos);
    assertEquals(duration, roundTrip(Codecs.DURATION, duration));
    ZonedDateTime zoned = instant.atZone(zone);
    ZonedDateTime back = roundTrip(Codecs.ZONED_DATE_TIME, zoned);
    assertEquals(zoned, back);
    assertEquals(zoned.getZone(), back.getZone());
    LocalDateTime local = zoned.toLocalDateTime();
    assertEquals(local, roundTrip(Codecs.LOCAL_DATE_TIME, local));
    LocalDate date = local.toLocalDate();
    assertEquals(date, roundTrip(Codecs.LOCAL_DATE, date));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L)
        .flatMap(s -> nanos().map(n -> Instant.ofEpochSecond(s, n)));
  }

  @Provide
  Arbitrary<Integer> nanos() {
    return Arbitraries.integers().between(0, 999_999_999);
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZoneId.getAvailableZoneIds()).map(ZoneId::of)
        .injectDuplicates(0.1).edgeCases(e -> e.add(ZoneId.of("Z")));
  }

  @Property
  void primitiveArrays(@ForAll @WithNull int[] ints, @ForAll long[] longs, @ForAll char[] chars,
      @ForAll boolean[] booleans, @ForAll short[] shorts, @ForAll float[] floats,
      @ForAll double[] doubles) {
    assertArrayEquals(ints, roundTrip(Codecs.INTS, ints));
    assertArrayEquals(longs, roundTrip(Codecs.LONGS, longs));
    assertArrayEquals(chars, roundTrip(Codecs.CHARS, chars));
    assertArrayEquals(booleans, roundTrip(Codecs.BOOLEANS, booleans));
    assertArrayEquals(shorts, roundTrip(Codecs.SHORTS, shorts));
    assertArrayEquals(floats, roundTrip(Codecs.FLOATS, floats));
    assertArrayEquals(doubles, roundTrip(Codecs.DOUBLES, doubles));
  }

  @Property
  void byteBuffersTravelTheirRemainingBytesAndKeepTheirPosition(@ForAll byte[] bytes,
      @ForAll boolean direct) {
    ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(bytes.length + 3)
        : ByteBuffer.allocate(bytes.length + 3);
    buffer.put(new byte[] {9, 9, 9}).put(bytes).flip().position(3);
    ByteBuffer back = roundTrip(Codecs.BYTE_BUFFER, buffer);
    assertEquals(3, buffer.position());
    assertEquals(ByteBuffer.wrap(bytes), back);
    assertEquals(0, back.position());
  }

  @Property
  void collections(@ForAll List<@WithNull String> list, @ForAll Set<Integer> set,
      @ForAll Map<String, @WithNull Long> map, @ForAll @WithNull String[] array,
      @ForAll Optional<Integer> optionalInt) {
    assertEquals(list, roundTrip(Codecs.list(Codecs.STRING), list));
    Set<Integer> setBack = roundTrip(Codecs.set(Codecs.INT), set);
    assertEquals(set, setBack);
    assertEquals(List.copyOf(set), List.copyOf(setBack)); // iteration order kept
    SortedSet<Integer> sorted = new TreeSet<>(set);
    assertEquals(sorted, roundTrip(Codecs.sortedSet(Codecs.INT), sorted));
    assertEquals(map, roundTrip(Codecs.map(Codecs.STRING, Codecs.LONG), map));
    SortedMap<String, Long> sortedMap = new TreeMap<>(map);
    SortedMap<String, Long> sortedBack =
        roundTrip(Codecs.sortedMap(Codecs.STRING, Codecs.LONG), sortedMap);
    assertEquals(sortedMap, sortedBack);
    assertEquals(List.copyOf(sortedMap.keySet()), List.copyOf(sortedBack.keySet()));
    assertArrayEquals(array, roundTrip(Codecs.array(Codecs.STRING, String[]::new), array));
    OptionalInt oi = optionalInt.map(OptionalInt::of).orElse(OptionalInt.empty());
    assertEquals(oi, roundTrip(Codecs.OPTIONAL_INT, oi));
    OptionalLong ol = optionalInt.map(OptionalLong::of).orElse(OptionalLong.empty());
    assertEquals(ol, roundTrip(Codecs.OPTIONAL_LONG, ol));
    OptionalDouble od = optionalInt.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    assertEquals(od, roundTrip(Codecs.OPTIONAL_DOUBLE, od));
  }

  @Test
  void everyNewCodecCarriesNull() {
    for (Codec<?> codec : List.of(Codecs.BIG_INTEGER, Codecs.BIG_DECIMAL, Codecs.UUID,
        Codecs.INSTANT, Codecs.DURATION, Codecs.LOCAL_DATE, Codecs.LOCAL_DATE_TIME,
        Codecs.ZONED_DATE_TIME, Codecs.BYTE_BUFFER, Codecs.INTS, Codecs.CHARS, Codecs.OPTIONAL_INT,
        Codecs.set(Codecs.INT), Codecs.sortedSet(Codecs.INT), Codecs.sortedMap(Codecs.INT,
            Codecs.INT), Codecs.array(Codecs.INT, Integer[]::new), Codecs.worker("demo.X"))) {
      @SuppressWarnings("unchecked")
      Codec<Object> c = (Codec<Object>) codec;
      assertEquals(null, roundTrip(c, null));
    }
  }

  @Test
  void workerHandlesKeepEveryFieldAndRefuseAnotherInterface() {
    Worker<Runnable> handle =
        new Worker<>("demo.Counter", "0123456789abcdef", "host-1", 4242, "w7", Optional.of("n"));
    assertEquals(handle, roundTrip(Codecs.<Runnable>worker("demo.Counter"), handle));
    Worker<Runnable> unnamed = new Worker<>("demo.Counter", "f", "h", 1, "w", Optional.empty());
    assertEquals(unnamed, roundTrip(Codecs.<Runnable>worker("demo.Counter"), unnamed));

    ByteBuf buf = Unpooled.buffer();
    try {
      Codecs.<Runnable>worker("demo.Counter").encode(new ByteBufWireOutput(buf), handle);
      WireFormatException e = assertThrows(WireFormatException.class,
          () -> Codecs.worker("demo.Other").decode(new ByteBufWireInput(buf)));
      assertEquals("a handle on a demo.Counter worker arrived where a demo.Other was expected",
          e.getMessage());
    } finally {
      buf.release();
    }
  }

  @Test
  void outOfRangeTimeIsAWireError() {
    ByteBuf buf = Unpooled.buffer();
    try {
      ByteBufWireOutput out = new ByteBufWireOutput(buf);
      out.writeNotNull("x");
      out.writeLong(Long.MAX_VALUE);
      assertThrows(WireFormatException.class,
          () -> Codecs.LOCAL_DATE.decode(new ByteBufWireInput(buf)));
    } finally {
      buf.release();
    }
  }
}
