package io.rpcparallel.processor.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A type that can travel over the wire, as the validator resolved it. Records, enums and sealed
 * interfaces are referenced by name; their definitions are in {@link WorkerModel#namedTypes()},
 * which lets a record refer to itself.
 *
 * <p>{@link #shape()} is the type's canonical text, as the interface fingerprint covers it.
 */
public sealed interface WireType {
  String shape();

  /** The types this one is built from (elements, keys, values, type arguments). */
  default List<WireType> children() {
    return List.of();
  }

  /** A primitive, written without a presence flag. */
  record Primitive(PrimitiveKind kind) implements WireType {
    @Override
    public String shape() {
      return kind.keyword();
    }
  }

  /** A boxed primitive. */
  record Boxed(PrimitiveKind kind) implements WireType {
    @Override
    public String shape() {
      return "java.lang." + kind.boxName();
    }
  }

  /** {@code String}. */
  record Text() implements WireType {
    @Override
    public String shape() {
      return "java.lang.String";
    }
  }

  /** {@code byte[]}. */
  record ByteArray() implements WireType {
    @Override
    public String shape() {
      return "byte[]";
    }
  }

  /** An array of a primitive other than {@code byte}: {@code int[]}. */
  record PrimitiveArray(PrimitiveKind kind) implements WireType {
    @Override
    public String shape() {
      return kind.keyword() + "[]";
    }
  }

  /**
   * A JDK value type with a standard codec: {@code BigDecimal}, {@code UUID}, {@code Instant},
   * {@code ByteBuffer}, {@code OptionalInt}...
   *
   * @param name the type
   * @param codecConstant its constant in {@code io.rpcparallel.Codecs}
   */
  record Standard(QualifiedName name, String codecConstant) implements WireType {
    @Override
    public String shape() {
      return name.canonicalName();
    }
  }

  /** An enum, defined by an {@link EnumModel}. */
  record EnumRef(QualifiedName name) implements WireType {
    @Override
    public String shape() {
      return name.canonicalName();
    }
  }

  /**
   * A record, defined by a {@link RecordModel}; a generic record with its (concrete) type
   * arguments, each instantiation with a definition of its own.
   */
  record RecordRef(QualifiedName name, List<WireType> typeArguments) implements WireType {
    public RecordRef {
      typeArguments = List.copyOf(typeArguments);
    }

    public RecordRef(QualifiedName name) {
      this(name, List.of());
    }

    @Override
    public String shape() {
      return name.canonicalName() + arguments(typeArguments);
    }

    @Override
    public List<WireType> children() {
      return typeArguments;
    }
  }

  /** A sealed interface of records and enums, defined by a {@link SealedModel}. */
  record SealedRef(QualifiedName name) implements WireType {
    @Override
    public String shape() {
      return name.canonicalName();
    }
  }

  /** {@code java.util.List<E>}. */
  record ListOf(WireType element) implements WireType {
    @Override
    public String shape() {
      return "java.util.List<" + element.shape() + ">";
    }

    @Override
    public List<WireType> children() {
      return List.of(element);
    }
  }

  /** {@code java.util.Set<E>}. */
  record SetOf(WireType element) implements WireType {
    @Override
    public String shape() {
      return "java.util.Set<" + element.shape() + ">";
    }

    @Override
    public List<WireType> children() {
      return List.of(element);
    }
  }

  /** {@code java.util.SortedSet<E>}. */
  record SortedSetOf(WireType element) implements WireType {
    @Override
    public String shape() {
      return "java.util.SortedSet<" + element.shape() + ">";
    }

    @Override
    public List<WireType> children() {
      return List.of(element);
    }
  }

  /** {@code java.util.Map<K, V>}. */
  record MapOf(WireType key, WireType value) implements WireType {
    @Override
    public String shape() {
      return "java.util.Map<" + key.shape() + "," + value.shape() + ">";
    }

    @Override
    public List<WireType> children() {
      return List.of(key, value);
    }
  }

  /** {@code java.util.SortedMap<K, V>}. */
  record SortedMapOf(WireType key, WireType value) implements WireType {
    @Override
    public String shape() {
      return "java.util.SortedMap<" + key.shape() + "," + value.shape() + ">";
    }

    @Override
    public List<WireType> children() {
      return List.of(key, value);
    }
  }

  /** {@code java.util.Optional<E>}. */
  record OptionalOf(WireType element) implements WireType {
    @Override
    public String shape() {
      return "java.util.Optional<" + element.shape() + ">";
    }

    @Override
    public List<WireType> children() {
      return List.of(element);
    }
  }

  /** An array of a non-primitive, non-parameterized type: {@code Job[]}, {@code int[][]}. */
  record ArrayOf(WireType element) implements WireType {
    @Override
    public String shape() {
      return element.shape() + "[]";
    }

    @Override
    public List<WireType> children() {
      return List.of(element);
    }
  }

  /** {@code io.rpcparallel.Worker<X>}: a handle on a worker of interface {@code iface}. */
  record WorkerRef(QualifiedName iface) implements WireType {
    @Override
    public String shape() {
      return RuntimeTypes.WORKER.canonicalName() + "<" + iface.canonicalName() + ">";
    }
  }

  /**
   * A type sent with a user's codec ({@code @RpcCodec}).
   *
   * @param type the (non-generic) type it encodes
   * @param codec the codec class
   * @param singleton whether the codec is its {@code INSTANCE} field rather than a new instance
   */
  record Custom(QualifiedName type, QualifiedName codec, boolean singleton) implements WireType {
    @Override
    public String shape() {
      return type.canonicalName() + " via " + codec.canonicalName();
    }
  }

  private static String arguments(List<WireType> typeArguments) {
    return typeArguments.isEmpty() ? ""
        : typeArguments.stream().map(WireType::shape).collect(Collectors.joining(",", "<", ">"));
  }
}
