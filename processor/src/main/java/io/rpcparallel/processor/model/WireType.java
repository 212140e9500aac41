package io.rpcparallel.processor.model;

/**
 * A type that can travel over the wire, as the validator resolved it. Records and enums are
 * referenced by name; their definitions are in {@link WorkerModel#namedTypes()}, which lets a
 * record refer to itself.
 *
 * <p>{@link #shape()} is the type's canonical text, as the interface fingerprint covers it.
 */
public sealed interface WireType {
  String shape();

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

  /** An enum, defined by an {@link EnumModel}. */
  record EnumRef(QualifiedName name) implements WireType {
    @Override
    public String shape() {
      return name.canonicalName();
    }
  }

  /** A record, defined by a {@link RecordModel}. */
  record RecordRef(QualifiedName name) implements WireType {
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
  }

  /** {@code java.util.Map<K, V>}. */
  record MapOf(WireType key, WireType value) implements WireType {
    @Override
    public String shape() {
      return "java.util.Map<" + key.shape() + "," + value.shape() + ">";
    }
  }

  /** {@code java.util.Optional<E>}. */
  record OptionalOf(WireType element) implements WireType {
    @Override
    public String shape() {
      return "java.util.Optional<" + element.shape() + ">";
    }
  }
}
