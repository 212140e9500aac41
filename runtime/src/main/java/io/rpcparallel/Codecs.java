package io.rpcparallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standard codecs: boxed primitives, {@code String}, {@code byte[]}, enums and the
 * collections. Generated codecs are built from these. Every codec here accepts {@code null}.
 *
 * <p>Decoded collections are unmodifiable, except that they may hold {@code null} elements
 * when the sender's did.
 */
public final class Codecs {
  private Codecs() {}

  public static final Codec<Boolean> BOOLEAN = new Codec<>() {
    @Override public void encode(WireOutput out, Boolean v) { if (out.writeNotNull(v)) out.writeBoolean(v); }
    @Override public Boolean decode(WireInput in) { return in.readNotNull() ? in.readBoolean() : null; }
  };

  public static final Codec<Byte> BYTE = new Codec<>() {
    @Override public void encode(WireOutput out, Byte v) { if (out.writeNotNull(v)) out.writeByte(v); }
    @Override public Byte decode(WireInput in) { return in.readNotNull() ? in.readByte() : null; }
  };

  public static final Codec<Short> SHORT = new Codec<>() {
    @Override public void encode(WireOutput out, Short v) { if (out.writeNotNull(v)) out.writeShort(v); }
    @Override public Short decode(WireInput in) { return in.readNotNull() ? in.readShort() : null; }
  };

  public static final Codec<Character> CHAR = new Codec<>() {
    @Override public void encode(WireOutput out, Character v) { if (out.writeNotNull(v)) out.writeChar(v); }
    @Override public Character decode(WireInput in) { return in.readNotNull() ? in.readChar() : null; }
  };

  public static final Codec<Integer> INT = new Codec<>() {
    @Override public void encode(WireOutput out, Integer v) { if (out.writeNotNull(v)) out.writeInt(v); }
    @Override public Integer decode(WireInput in) { return in.readNotNull() ? in.readInt() : null; }
  };

  public static final Codec<Long> LONG = new Codec<>() {
    @Override public void encode(WireOutput out, Long v) { if (out.writeNotNull(v)) out.writeLong(v); }
    @Override public Long decode(WireInput in) { return in.readNotNull() ? in.readLong() : null; }
  };

  public static final Codec<Float> FLOAT = new Codec<>() {
    @Override public void encode(WireOutput out, Float v) { if (out.writeNotNull(v)) out.writeFloat(v); }
    @Override public Float decode(WireInput in) { return in.readNotNull() ? in.readFloat() : null; }
  };

  public static final Codec<Double> DOUBLE = new Codec<>() {
    @Override public void encode(WireOutput out, Double v) { if (out.writeNotNull(v)) out.writeDouble(v); }
    @Override public Double decode(WireInput in) { return in.readNotNull() ? in.readDouble() : null; }
  };

  public static final Codec<String> STRING = new Codec<>() {
    @Override public void encode(WireOutput out, String v) { if (out.writeNotNull(v)) out.writeString(v); }
    @Override public String decode(WireInput in) { return in.readNotNull() ? in.readString() : null; }
  };

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

  /** A list; decodes to an unmodifiable list. */
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

  /** A map, in its iteration order; decodes to an unmodifiable map with the same order. */
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

  /** An {@code Optional}; a {@code null} Optional travels as {@code null}. */
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
}
