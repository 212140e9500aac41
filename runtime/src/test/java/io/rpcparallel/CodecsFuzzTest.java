package io.rpcparallel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rpcparallel.internal.log.LogRecordCodec;
import io.rpcparallel.internal.transport.SettingsCodec;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import io.rpcparallel.internal.wire.Frames;
import io.rpcparallel.internal.wire.HostileInput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.event.Level;

/**
 * Hostile bytes against the decoder of every built-in codec ({@link Codecs}, the log stream's
 * records, remote errors, settings): a value or {@link WireFormatException}, within an allocation
 * the bytes justify. The first byte picks the codec, the rest is its input; a value that decodes
 * must encode again.
 *
 * <p>Seeds: {@code CodecsFuzzTestInputs/decodersTakeHostileBytes/}, written by {@link #main}.
 */
class CodecsFuzzTest {
  /** A codec under test, with values whose encodings seed the fuzzer. */
  record Target(String name, Codec<Object> codec, List<Object> samples) {
    @SuppressWarnings("unchecked")
    static Target of(String name, Codec<?> codec, Object... samples) {
      return new Target(name, (Codec<Object>) codec, Arrays.asList(samples));
    }
  }

  /** Decode-only readers as codecs: encoding is what the runtime's writers do. */
  private static final Codec<RemoteException> ERRORS = new Codec<>() {
    @Override public void encode(WireOutput out, RemoteException e) { Frames.writeError(out, e); }
    @Override public RemoteException decode(WireInput in) { return Frames.readError(in, "peer"); }
  };

  private static final Codec<RpcSettings> SETTINGS = new Codec<>() {
    @Override public void encode(WireOutput out, RpcSettings s) { SettingsCodec.encode(out, s); }
    @Override public RpcSettings decode(WireInput in) { return SettingsCodec.decode(in); }
  };

  static final List<Target> TARGETS = List.of(
      Target.of("boolean", Codecs.BOOLEAN, true, null),
      Target.of("byte", Codecs.BYTE, (byte) -3),
      Target.of("short", Codecs.SHORT, (short) 300),
      Target.of("char", Codecs.CHAR, '\u00e9'),
      Target.of("int", Codecs.INT, Integer.MIN_VALUE),
      Target.of("long", Codecs.LONG, Long.MAX_VALUE),
      Target.of("float", Codecs.FLOAT, Float.NaN),
      Target.of("double", Codecs.DOUBLE, -0.0),
      Target.of("string", Codecs.STRING, "", "h\u00e9llo \uD83D\uDE00"),
      Target.of("bytes", Codecs.BYTES, new byte[] {1, 2, 3}, new byte[0]),
      Target.of("void", Codecs.VOID, (Object) null),
      Target.of("enum", Codecs.enumOf(TimeUnit.values()), TimeUnit.DAYS),
      Target.of("list", Codecs.list(Codecs.STRING), Arrays.asList("a", null, "c")),
      Target.of("map", Codecs.map(Codecs.STRING, Codecs.LONG), mapOf("one", 1L, "none", null)),
      Target.of("optional", Codecs.optional(Codecs.STRING), Optional.of("x"), Optional.empty()),
      Target.of("booleans", Codecs.BOOLEANS, new boolean[] {true, false}),
      Target.of("shorts", Codecs.SHORTS, new short[] {1, -1}),
      Target.of("chars", Codecs.CHARS, new char[] {'a', '\uD800'}),
      Target.of("ints", Codecs.INTS, new int[] {1, 2, 3}),
      Target.of("longs", Codecs.LONGS, new long[] {Long.MIN_VALUE}),
      Target.of("floats", Codecs.FLOATS, new float[] {1.5f}),
      Target.of("doubles", Codecs.DOUBLES, new double[] {Double.NEGATIVE_INFINITY}),
      Target.of("byteBuffer", Codecs.BYTE_BUFFER, ByteBuffer.wrap(new byte[] {9, 8})),
      Target.of("bigInteger", Codecs.BIG_INTEGER, BigInteger.TWO.pow(100).negate()),
      Target.of("bigDecimal", Codecs.BIG_DECIMAL, new BigDecimal("1.50"), new BigDecimal("-1e-40")),
      Target.of("uuid", Codecs.UUID, new java.util.UUID(1, 2)),
      Target.of("instant", Codecs.INSTANT, Instant.ofEpochSecond(1_700_000_000L, 5), Instant.MAX),
      Target.of("duration", Codecs.DURATION, Duration.ofMillis(-1)),
      Target.of("localDate", Codecs.LOCAL_DATE, LocalDate.of(2024, 2, 29)),
      Target.of("localDateTime", Codecs.LOCAL_DATE_TIME, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999)),
      Target.of("zonedDateTime", Codecs.ZONED_DATE_TIME,
          ZonedDateTime.of(2021, 3, 28, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
          ZonedDateTime.of(2021, 1, 1, 0, 0, 0, 0, ZoneId.of("+05:30"))),
      Target.of("optionalInt", Codecs.OPTIONAL_INT, OptionalInt.of(7), OptionalInt.empty()),
      Target.of("optionalLong", Codecs.OPTIONAL_LONG, OptionalLong.of(7)),
      Target.of("optionalDouble", Codecs.OPTIONAL_DOUBLE, OptionalDouble.of(0.5)),
      Target.of("array", Codecs.array(Codecs.STRING, String[]::new), (Object) new String[] {"a", null}),
      Target.of("set", Codecs.set(Codecs.INT), new LinkedHashSet<>(Arrays.asList(3, null, 1))),
      Target.of("sortedSet", Codecs.sortedSet(Codecs.STRING), new TreeSet<>(List.of("b", "a"))),
      Target.of("sortedMap", Codecs.sortedMap(Codecs.STRING, Codecs.INT), new TreeMap<>(Map.of("k", 1))),
      Target.of("worker", Codecs.<Object>worker("test.Iface"),
          new Worker<>("test.Iface", "00ff", "127.0.0.1", 4000, "w1", Optional.of("name"))),
      Target.of("nested", Codecs.list(Codecs.optional(Codecs.map(Codecs.STRING, Codecs.set(Codecs.LONG)))),
          List.of(Optional.of(Map.of("k", Set.of(1L, 2L))), Optional.empty())),
      Target.of("logRecord", LogRecordCodec.INSTANCE, new LogRecord(Instant.ofEpochSecond(10, 20), Level.WARN,
          "a.Logger", "main", "message", Optional.of("java.lang.Error: x"), Map.of("rpc.worker", "w1"))),
      Target.of("error", ERRORS, new RemoteException("w", "java.lang.IllegalStateException", "bad",
          List.of(new StackTraceElement("a.B", "c", "B.java", 12), new StackTraceElement("a.B", "d", null, -2)))),
      Target.of("settings", SETTINGS, RpcSettings.DEFAULTS));

  private static Map<String, Long> mapOf(String k1, Long v1, String k2, Long v2) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  @FuzzTest(maxDuration = "5m")
  void decodersTakeHostileBytes(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Target target = TARGETS.get(Byte.toUnsignedInt(input[0]) % TARGETS.size());
    ByteBuf buf = Unpooled.wrappedBuffer(input, 1, input.length - 1);
    Object[] decoded = new Object[1];
    HostileInput.Outcome outcome = HostileInput.decode(input.length,
        () -> decoded[0] = target.codec().decode(new ByteBufWireInput(buf)));
    if (outcome == HostileInput.Outcome.DECODED) {
      // A decoded value is a well-formed one: it encodes again.
      ByteBuf out = Unpooled.buffer();
      try {
        target.codec().encode(new ByteBufWireOutput(out), decoded[0]);
      } finally {
        out.release();
      }
    }
  }

  /** Writes the seed corpus: each sample's encoding behind its codec's index. Run once by hand. */
  public static void main(String[] args) throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
    java.nio.file.Files.createDirectories(dir);
    for (int i = 0; i < TARGETS.size(); i++) {
      Target t = TARGETS.get(i);
      for (int j = 0; j < t.samples().size(); j++) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(i);
        t.codec().encode(new ByteBufWireOutput(buf), t.samples().get(j));
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        java.nio.file.Files.write(dir.resolve(t.name() + "-" + j), bytes);
      }
    }
  }
}
