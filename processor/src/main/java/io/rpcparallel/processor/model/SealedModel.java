package io.rpcparallel.processor.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A sealed interface that travels as a tagged union: the index of the value's subtype among
 * {@code alternatives}, then the value with that subtype's codec.
 *
 * @param name the interface
 * @param alternatives its permitted subtypes, in the order javac gives them (the tags):
 *     {@link WireType.RecordRef}, {@link WireType.EnumRef} or {@link WireType.SealedRef}
 */
public record SealedModel(QualifiedName name, List<WireType> alternatives) implements NamedType {
  public SealedModel {
    alternatives = List.copyOf(alternatives);
  }

  @Override
  public WireType reference() {
    return new WireType.SealedRef(name);
  }

  @Override
  public String shape() {
    return "sealed " + name.canonicalName() + " {"
        + alternatives.stream().map(WireType::shape).collect(Collectors.joining(",")) + "}";
  }
}
