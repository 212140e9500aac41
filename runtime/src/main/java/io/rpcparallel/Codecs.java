package io.rpcparallel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The standard codecs: boxed primitives, {@code String}, primitive arrays, {@code ByteBuffer},
 * {@code BigInteger}/{@code BigDecimal}, {@code UUID}, the {@code java.time} values, enums,
 * worker handles, arrays and the collections. Generated codecs are built from these. Every
 * codec here accepts {@code null}.
 *
 * <p>Decoded collections are unmodifiable, except that they may hold {@code null} elements
 * when the sender's did. Sorted sets and maps travel in their iteration order and are rebuilt
 * with the <em>natural</em> order of their elements (a comparator does not travel).
 */
public final class Codecs {
  private Codecs() {}

  /**
   * The most levels a value of a recursive record may nest in one message: a record that holds
   * itself, directly or through other records, sealed interfaces, collections or optionals
   * ({@code record Tree(String label, List<Tree> children)} nested 256 deep is at the limit).
   * Encoding a value nested deeper fails with {@link MessageTooLargeException}, and a message
   * nested deeper is refused with {@link WireFormatException}, both naming the type. Only the
   * levels of recursive records count; see {@link WireOutput#enterNested} for a hand-written
   * codec that recurses.
   *
   * <p>Encoding and decoding recurse once per level, so the limit is what keeps them within a
   * thread's stack: a value at the limit takes at most about a quarter of a default 1 MiB stack
   * (half of a 512 KiB one) even before the JIT has compiled the codecs, and a peer's message,
   * however deep, is refused before any stack can overflow.
   */
  public static final int MAX_NESTING_DEPTH = 256;

  /** A {@code Boolean}: its presence flag, then the primitive value. */
  public static final Codec<Boolean> BOOLEAN = new Codec<>() {
    @Override public void encode(WireOutput out, Boolean v) { if (out.writeNotNull(v)) out.writeBoolean(v); }
    @Override public Boolean decode(WireInput in) { return in.readNotNull() ? in.readBoolean() : null; }
  };

  /** A {@code Byte}: its presence flag, then the primitive value. */
  public static final Codec<Byte> BYTE = new Codec<>() {
    @Override public void encode(WireOutput out, Byte v) { if (out.writeNotNull(v)) out.writeByte(v); }
    @Override public Byte decode(WireInput in) { return in.readNotNull() ? in.readByte() : null; }
  };

  /** A {@code Short}: its presence flag, then the primitive value. */
  public static final Codec<Short> SHORT = new Codec<>() {
    @Override public void encode(WireOutput out, Short v) { if (out.writeNotNull(v)) out.writeShort(v); }
    @Override public Short decode(WireInput in) { return in.readNotNull() ? in.readShort() : null; }
  };

  /** A {@code Character}: its presence flag, then the primitive value. */
  public static final Codec<Character> CHAR = new Codec<>() {
    @Override public void encode(WireOutput out, Character v) { if (out.writeNotNull(v)) out.writeChar(v); }
    @Override public Character decode(WireInput in) { return in.readNotNull() ? in.readChar() : null; }
  };

  /** A {@code Integer}: its presence flag, then the primitive value. */
  public static final Codec<Integer> INT = new Codec<>() {
    @Override public void encode(WireOutput out, Integer v) { if (out.writeNotNull(v)) out.writeInt(v); }
    @Override public Integer decode(WireInput in) { return in.readNotNull() ? in.readInt() : null; }
  };

  /** A {@code Long}: its presence flag, then the primitive value. */
  public static final Codec<Long> LONG = new Codec<>() {
    @Override public void encode(WireOutput out, Long v) { if (out.writeNotNull(v)) out.writeLong(v); }
    @Override public Long decode(WireInput in) { return in.readNotNull() ? in.readLong() : null; }
  };

  /** A {@code Float}: its presence flag, then the primitive value. */
  public static final Codec<Float> FLOAT = new Codec<>() {
    @Override public void encode(WireOutput out, Float v) { if (out.writeNotNull(v)) out.writeFloat(v); }
    @Override public Float decode(WireInput in) { return in.readNotNull() ? in.readFloat() : null; }
  };

  /** A {@code Double}: its presence flag, then the primitive value. */
  public static final Codec<Double> DOUBLE = new Codec<>() {
    @Override public void encode(WireOutput out, Double v) { if (out.writeNotNull(v)) out.writeDouble(v); }
    @Override public Double decode(WireInput in) { return in.readNotNull() ? in.readDouble() : null; }
  };

  /** A {@code String}: its presence flag, then UTF-8, length first. */
  public static final Codec<String> STRING = new Codec<>() {
    @Override public void encode(WireOutput out, String v) { if (out.writeNotNull(v)) out.writeString(v); }
    @Override public String decode(WireInput in) { return in.readNotNull() ? in.readString() : null; }
  };

  /** A {@code byte[]}: its presence flag, then the bytes, length first. */
  public static final Codec<byte[]> BYTES = new Codec<>() {
    @Override public void encode(WireOutput out, byte[] v) { if (out.writeNotNull(v)) out.writeBytes(v); }
    @Override public byte[] decode(WireInput in) { return in.readNotNull() ? in.readBytes() : null; }
  };

  /** The codec of a {@code void} result or a {@code Void} value: writes and reads nothing. */
  public static final Codec<Void> VOID = new Codec<>() {
    @Override public void encode(WireOutput out, Void v) {}
    @Override public Void decode(WireInput in) { return null; }
  };

  /**
   * An enum, by ordinal. Pass {@code E.values()}; the interface fingerprint covers the constants,
   * so both ends agree on the order.
   *
   * @param values the enum's constants, in declaration order
   * @param <E> the enum type
   * @return the codec
   */
  public static <E extends Enum<E>> Codec<E> enumOf(E[] values) {
    E[] constants = values.clone();
    return new Codec<>() {
      @Override public void encode(WireOutput out, E v) { if (out.writeNotNull(v)) out.writeLength(v.ordinal()); }

      @Override public E decode(WireInput in) {
        if (!in.readNotNull()) {
          return null;
        }
        int ordinal = in.readLength(0);
        if (ordinal >= constants.length) {
          throw new WireFormatException("enum ordinal " + ordinal + " out of range for "
              + constants.getClass().getComponentType().getName());
        }
        return constants[ordinal];
      }
    };
  }

  /**
   * A list; decodes to an unmodifiable list.
   *
   * @param element the elements' codec
   * @param <E> the element type
   * @return the codec
   */
  public static <E> Codec<List<E>> list(Codec<E> element) {
    return new Codec<>() {
      @Override public void encode(WireOutput out, List<E> v) {
        if (out.writeNotNull(v)) {
          out.writeLength(v.size());
          for (E e : v) {
            element.encode(out, e);
          }
        }
      }

      @Override public List<E> decode(WireInput in) {
        if (!in.readNotNull()) {
          return null;
        }
        int n = in.readLength(1);
        List<E> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(element.decode(in));
        }
        return Collections.unmodifiableList(list);
      }
    };
  }

  /**
   * A map, in its iteration order; decodes to an unmodifiable map with the same order.
   *
   * @param key the keys' codec
   * @param value the values' codec
   * @param <K> the key type
   * @param <V> the value type
   * @return the codec
   */
  public static <K, V> Codec<Map<K, V>> map(Codec<K> key, Codec<V> value) {
    return new Codec<>() {
      @Override public void encode(WireOutput out, Map<K, V> v) {
        if (out.writeNotNull(v)) {
          out.writeLength(v.size());
          for (Map.Entry<K, V> e : v.entrySet()) {
            key.encode(out, e.getKey());
            value.encode(out, e.getValue());
          }
        }
      }

      @Override public Map<K, V> decode(WireInput in) {
        if (!in.readNotNull()) {
          return null;
        }
        int n = in.readLength(2);
        Map<K, V> map = new LinkedHashMap<>(Math.max(4, n * 4 / 3 + 1));
        for (int i = 0; i < n; i++) {
          map.put(key.decode(in), value.decode(in));
        }
        return Collections.unmodifiableMap(map);
      }
    };
  }

  /**
   * An {@code Optional}; a {@code null} Optional travels as {@code null}.
   *
   * @param element the codec of the value inside
   * @param <E> the type of the value inside
   * @return the codec
   */
  public static <E> Codec<Optional<E>> optional(Codec<E> element) {
    return new Codec<>() {
      @Override public void encode(WireOutput out, Optional<E> v) {
        if (out.writeNotNull(v)) {
          element.encode(out, v.orElse(null));
        }
      }

      @Override public Optional<E> decode(WireInput in) {
        if (!in.readNotNull()) {
          return null;
        }
        return Optional.ofNullable(element.decode(in));
      }
    };
  }

  /** {@code boolean[]}, one byte per element. */
  public static final Codec<boolean[]> BOOLEANS = new Codec<>() {
    @Override public void encode(WireOutput out, boolean[] v) {
      if (out.writeNotNull(v)) {
        out.writeLength(v.length);
        for (boolean e : v) out.writeBoolean(e);
      }
    }

    @Override public boolean[] decode(WireInput in) {
      if (!in.readNotNull()) return null;
      boolean[] v = new boolean[in.readLength(1)];
      for (int i = 0; i < v.length; i++) v[i] = in.readBoolean();
      return v;
    }
  };

  /** {@code short[]}. */
  public static final Codec<short[]> SHORTS = new Codec<>() {
    @Override public void encode(WireOutput out, short[] v) {
      if (out.writeNotNull(v)) {
        out.writeLength(v.length);
        for (short e : v) out.writeShort(e);
      }
    }

    @Override public short[] decode(WireInput in) {
      if (!in.readNotNull()) return null;
      short[] v = new short[in.readLength(2)];
      for (int i = 0; i < v.length; i++) v[i] = in.readShort();
      return v;
    }
  };

  /** {@code char[]}, as UTF-16 code units (so unpaired surrogates survive). */
  public static final Codec<char[]> CHARS = new Codec<>() {
    @Override public void encode(WireOutput out, char[] v) {
      if (out.writeNotNull(v)) {
        out.writeLength(v.length);
        for (char e : v) out.writeChar(e);
      }
    }

    @Override public char[] decode(WireInput in) {
      if (!in.readNotNull()) return null;
      char[] v = new char[in.readLength(2)];
      for (int i = 0; i < v.length; i++) v[i] = in.readChar();
      return v;
    }
  };

  /** {@code int[]}. */
  public static final Codec<int[]> INTS = new Codec<>() {
    @Override public void encode(WireOutput out, int[] v) {
      if (out.writeNotNull(v)) {
        out.writeLength(v.length);
        for (int e : v) out.writeInt(e);
      }
    }

    @Override public int[] decode(WireInput in) {
      if (!in.readNotNull()) return null;
      int[] v = new int[in.readLength(4)];
      for (int i = 0; i < v.length; i++) v[i] = in.readInt();
      return v;
    }
  };

  /** {@code long[]}. */
  public static final Codec<long[]> LONGS = new Codec<>() {
    @Override public void encode(WireOutput out, long[] v) {
      if (out.writeNotNull(v)) {
        out.writeLength(v.length);
        for (long e : v) out.writeLong(e);
      }
    }

    @Override public long[] decode(WireInput in) {
      if (!in.readNotNull()) return null;
      long[] v = new long[in.readLength(8)];
      for (int i = 0; i < v.length; i++) v[i] = in.readLong();
      return v;
    }
  };

  /** {@code float[]}. */
  public static final Codec<float[]> FLOATS = new Codec<>() {
    @Override public void encode(WireOutput out, float[] v) {
      if (out.writeNotNull(v)) {
        out.writeLength(v.length);
        for (float e : v) out.writeFloat(e);
      }
    }

    @Override public float[] decode(WireInput in) {
      if (!in.readNotNull()) return null;
      float[] v = new float[in.readLength(4)];
      for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
      return v;
    }
  };

  /** {@code double[]}. */
  public static final Codec<double[]> DOUBLES = new Codec<>() {
    @Override public void encode(WireOutput out, double[] v) {
      if (out.writeNotNull(v)) {
        out.writeLength(v.length);
        for (double e : v) out.writeDouble(e);
      }
    }

    @Override public double[] decode(WireInput in) {
      if (!in.readNotNull()) return null;
      double[] v = new double[in.readLength(8)];
      for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
      return v;
    }
  };

  /**
   * A {@code ByteBuffer}'s remaining bytes (its position is not moved). Encoding copies them once,
   * straight into the outgoing frame; decoding copies them once out of the incoming frame into a
   * new heap buffer (position 0, limit the length), since the frame is released after the call.
   */
  public static final Codec<ByteBuffer> BYTE_BUFFER = new Codec<>() {
    @Override public void encode(WireOutput out, ByteBuffer v) { if (out.writeNotNull(v)) out.writeByteBuffer(v); }
    @Override public ByteBuffer decode(WireInput in) { return in.readNotNull() ? in.readByteBuffer() : null; }
  };

  /** {@code BigInteger}, as its two's-complement bytes. */
  public static final Codec<BigInteger> BIG_INTEGER = new Codec<>() {
    @Override public void encode(WireOutput out, BigInteger v) { if (out.writeNotNull(v)) out.writeBytes(v.toByteArray()); }
    @Override public BigInteger decode(WireInput in) { return in.readNotNull() ? bigInteger(in) : null; }
  };

  /** {@code BigDecimal}: its scale, then its unscaled value; the scale survives ({@code 1.50}). */
  public static final Codec<BigDecimal> BIG_DECIMAL = new Codec<>() {
    @Override public void encode(WireOutput out, BigDecimal v) {
      if (out.writeNotNull(v)) {
        out.writeInt(v.scale());
        out.writeBytes(v.unscaledValue().toByteArray());
      }
    }

    @Override public BigDecimal decode(WireInput in) {
      if (!in.readNotNull()) return null;
      int scale = in.readInt();
      return new BigDecimal(bigInteger(in), scale);
    }
  };

  /** {@code UUID}, as its two longs. */
  public static final Codec<UUID> UUID = new Codec<>() {
    @Override public void encode(WireOutput out, UUID v) {
      if (out.writeNotNull(v)) {
        out.writeLong(v.getMostSignificantBits());
        out.writeLong(v.getLeastSignificantBits());
      }
    }

    @Override public UUID decode(WireInput in) { return in.readNotNull() ? new UUID(in.readLong(), in.readLong()) : null; }
  };

  /** {@code Instant}: epoch seconds, then nanoseconds. */
  public static final Codec<Instant> INSTANT = new Codec<>() {
    @Override public void encode(WireOutput out, Instant v) {
      if (out.writeNotNull(v)) {
        out.writeLong(v.getEpochSecond());
        out.writeInt(v.getNano());
      }
    }

    @Override public Instant decode(WireInput in) {
      if (!in.readNotNull()) return null;
      long seconds = in.readLong();
      int nanos = in.readInt();
      return time(() -> Instant.ofEpochSecond(seconds, nanos));
    }
  };

  /** {@code Duration}: seconds, then nanoseconds. */
  public static final Codec<Duration> DURATION = new Codec<>() {
    @Override public void encode(WireOutput out, Duration v) {
      if (out.writeNotNull(v)) {
        out.writeLong(v.getSeconds());
        out.writeInt(v.getNano());
      }
    }

    @Override public Duration decode(WireInput in) {
      if (!in.readNotNull()) return null;
      long seconds = in.readLong();
      int nanos = in.readInt();
      return time(() -> Duration.ofSeconds(seconds, nanos));
    }
  };

  /** {@code LocalDate}, as its epoch day. */
  public static final Codec<LocalDate> LOCAL_DATE = new Codec<>() {
    @Override public void encode(WireOutput out, LocalDate v) { if (out.writeNotNull(v)) out.writeLong(v.toEpochDay()); }

    @Override public LocalDate decode(WireInput in) {
      if (!in.readNotNull()) return null;
      long day = in.readLong();
      return time(() -> LocalDate.ofEpochDay(day));
    }
  };

  /** {@code LocalDateTime}: epoch day, then nanosecond of the day. */
  public static final Codec<LocalDateTime> LOCAL_DATE_TIME = new Codec<>() {
    @Override public void encode(WireOutput out, LocalDateTime v) {
      if (out.writeNotNull(v)) {
        writeLocalDateTime(out, v);
      }
    }

    @Override public LocalDateTime decode(WireInput in) { return in.readNotNull() ? readLocalDateTime(in) : null; }
  };

  /**
   * {@code ZonedDateTime}: the local date-time, the offset and the zone id, so that the zone (not
   * only the offset) survives. Both ends must know the zone id.
   */
  public static final Codec<ZonedDateTime> ZONED_DATE_TIME = new Codec<>() {
    @Override public void encode(WireOutput out, ZonedDateTime v) {
      if (out.writeNotNull(v)) {
        writeLocalDateTime(out, v.toLocalDateTime());
        out.writeInt(v.getOffset().getTotalSeconds());
        out.writeString(v.getZone().getId());
      }
    }

    @Override public ZonedDateTime decode(WireInput in) {
      if (!in.readNotNull()) return null;
      LocalDateTime local = readLocalDateTime(in);
      int offset = in.readInt();
      String zone = in.readString();
      return time(() -> ZonedDateTime.ofLocal(local, ZoneId.of(zone), ZoneOffset.ofTotalSeconds(offset)));
    }
  };

  /** {@code OptionalInt}; a {@code null} OptionalInt travels as {@code null}. */
  public static final Codec<OptionalInt> OPTIONAL_INT = new Codec<>() {
    @Override public void encode(WireOutput out, OptionalInt v) {
      if (out.writeNotNull(v)) {
        out.writeBoolean(v.isPresent());
        if (v.isPresent()) out.writeInt(v.getAsInt());
      }
    }

    @Override public OptionalInt decode(WireInput in) {
      if (!in.readNotNull()) return null;
      return in.readBoolean() ? OptionalInt.of(in.readInt()) : OptionalInt.empty();
    }
  };

  /** {@code OptionalLong}; a {@code null} OptionalLong travels as {@code null}. */
  public static final Codec<OptionalLong> OPTIONAL_LONG = new Codec<>() {
    @Override public void encode(WireOutput out, OptionalLong v) {
      if (out.writeNotNull(v)) {
        out.writeBoolean(v.isPresent());
        if (v.isPresent()) out.writeLong(v.getAsLong());
      }
    }

    @Override public OptionalLong decode(WireInput in) {
      if (!in.readNotNull()) return null;
      return in.readBoolean() ? OptionalLong.of(in.readLong()) : OptionalLong.empty();
    }
  };

  /** {@code OptionalDouble}; a {@code null} OptionalDouble travels as {@code null}. */
  public static final Codec<OptionalDouble> OPTIONAL_DOUBLE = new Codec<>() {
    @Override public void encode(WireOutput out, OptionalDouble v) {
      if (out.writeNotNull(v)) {
        out.writeBoolean(v.isPresent());
        if (v.isPresent()) out.writeDouble(v.getAsDouble());
      }
    }

    @Override public OptionalDouble decode(WireInput in) {
      if (!in.readNotNull()) return null;
      return in.readBoolean() ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty();
    }
  };

  /**
   * An array of a reference type. Pass the element codec and the array constructor
   * ({@code Job[]::new}).
   *
   * @param element the elements' codec
   * @param newArray creates an array of the given length
   * @param <E> the element type
   * @return the codec
   */
  public static <E> Codec<E[]> array(Codec<E> element, IntFunction<E[]> newArray) {
    return new Codec<>() {
      @Override public void encode(WireOutput out, E[] v) {
        if (out.writeNotNull(v)) {
          out.writeLength(v.length);
          for (E e : v) {
            element.encode(out, e);
          }
        }
      }

      @Override public E[] decode(WireInput in) {
        if (!in.readNotNull()) {
          return null;
        }
        E[] v = newArray.apply(in.readLength(1));
        for (int i = 0; i < v.length; i++) {
          v[i] = element.decode(in);
        }
        return v;
      }
    };
  }

  /**
   * A set, in its iteration order; decodes to an unmodifiable set with the same order.
   *
   * @param element the elements' codec
   * @param <E> the element type
   * @return the codec
   */
  public static <E> Codec<Set<E>> set(Codec<E> element) {
    return elements(element, n -> new LinkedHashSet<E>(Math.max(4, n * 4 / 3 + 1)),
        Collections::unmodifiableSet);
  }

  /**
   * A sorted set; decodes to an unmodifiable {@link TreeSet} in the elements' natural order.
   *
   * @param element the elements' codec
   * @param <E> the element type
   * @return the codec
   */
  public static <E> Codec<SortedSet<E>> sortedSet(Codec<E> element) {
    return elements(nonNull(element, "a sorted set's element"), n -> new TreeSet<E>(),
        Collections::unmodifiableSortedSet);
  }

  /**
   * A sorted map; decodes to an unmodifiable {@link TreeMap} in the keys' natural order.
   *
   * @param key the keys' codec
   * @param value the values' codec
   * @param <K> the key type
   * @param <V> the value type
   * @return the codec
   */
  public static <K, V> Codec<SortedMap<K, V>> sortedMap(Codec<K> key, Codec<V> value) {
    Codec<Map<K, V>> entries = map(nonNull(key, "a sorted map's key"), value);
    return new Codec<>() {
      @Override public void encode(WireOutput out, SortedMap<K, V> v) {
        entries.encode(out, v);
      }

      @Override public SortedMap<K, V> decode(WireInput in) {
        Map<K, V> decoded = entries.decode(in);
        return decoded == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(decoded));
      }
    };
  }

  /**
   * A handle on a worker of the interface {@code interfaceName} (its canonical name). Decoding a
   * handle on a worker of another interface fails: a {@code Worker<X>} always names an X.
   *
   * @param interfaceName the canonical name of the worker interface
   * @param <X> the worker interface
   * @return the codec
   */
  public static <X> Codec<Worker<X>> worker(String interfaceName) {
    return new Codec<>() {
      @Override public void encode(WireOutput out, Worker<X> v) {
        if (out.writeNotNull(v)) {
          out.writeString(v.interfaceName());
          out.writeString(v.fingerprint());
          out.writeString(v.host());
          out.writeInt(v.port());
          out.writeString(v.id());
          STRING.encode(out, v.name().orElse(null));
          out.writeBoolean(v.tls());
        }
      }

      @Override public Worker<X> decode(WireInput in) {
        if (!in.readNotNull()) {
          return null;
        }
        String name = in.readString();
        if (!name.equals(interfaceName)) {
          throw new WireFormatException("a handle on a " + name + " worker arrived where a "
              + interfaceName + " was expected");
        }
        String fingerprint = in.readString();
        String host = in.readString();
        int port = in.readInt();
        String id = in.readString();
        Optional<String> workerName = Optional.ofNullable(STRING.decode(in));
        boolean tls = in.readBoolean();
        try {
          return new Worker<>(name, fingerprint, host, port, id, workerName, tls);
        } catch (IllegalArgumentException e) {
          throw new WireFormatException("bad worker handle: " + e.getMessage());
        }
      }
    };
  }

  /**
   * {@code codec}, refusing a {@code null} it decodes: natural order has no place for one (a
   * {@code TreeSet} or {@code TreeMap} would throw), so only a peer that is not this codec's
   * encoder can send it.
   */
  private static <E> Codec<E> nonNull(Codec<E> codec, String what) {
    return new Codec<>() {
      @Override public void encode(WireOutput out, E v) {
        codec.encode(out, v);
      }

      @Override public E decode(WireInput in) {
        E v = codec.decode(in);
        if (v == null) {
          throw new WireFormatException(what + " is null; sorted collections are rebuilt in natural order,"
              + " which has no place for null");
        }
        return v;
      }
    };
  }

  /** A set or sorted set: a count, then the elements in iteration order. */
  private static <E, C extends Set<E>, R extends Set<E>> Codec<R> elements(Codec<E> element,
      IntFunction<C> newSet, Function<C, R> seal) {
    return new Codec<>() {
      @Override public void encode(WireOutput out, R v) {
        if (out.writeNotNull(v)) {
          out.writeLength(v.size());
          for (E e : v) {
            element.encode(out, e);
          }
        }
      }

      @Override public R decode(WireInput in) {
        if (!in.readNotNull()) {
          return null;
        }
        int n = in.readLength(1);
        C set = newSet.apply(n);
        for (int i = 0; i < n; i++) {
          set.add(element.decode(in));
        }
        return seal.apply(set);
      }
    };
  }

  private static BigInteger bigInteger(WireInput in) {
    byte[] bytes = in.readBytes();
    if (bytes.length == 0) {
      throw new WireFormatException("empty BigInteger");
    }
    return new BigInteger(bytes);
  }

  private static void writeLocalDateTime(WireOutput out, LocalDateTime v) {
    out.writeLong(v.toLocalDate().toEpochDay());
    out.writeLong(v.toLocalTime().toNanoOfDay());
  }

  private static LocalDateTime readLocalDateTime(WireInput in) {
    long day = in.readLong();
    long nanos = in.readLong();
    return time(() -> LocalDateTime.of(LocalDate.ofEpochDay(day), LocalTime.ofNanoOfDay(nanos)));
  }

  /** Builds a {@code java.time} value, turning an out-of-range field into a wire error. */
  private static <T> T time(Supplier<T> build) {
    try {
      return build.get();
    } catch (DateTimeException | ArithmeticException e) {
      throw new WireFormatException("bad date or time: " + e.getMessage());
    }
  }
}
