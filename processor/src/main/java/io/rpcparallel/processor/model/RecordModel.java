package io.rpcparallel.processor.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A record that travels over the wire: its components, in declaration order. A generic record
 * has one model per instantiation, with its type arguments and the components' types as they
 * are for those arguments.
 */
public record RecordModel(QualifiedName name, List<WireType> typeArguments,
    List<ComponentModel> components) implements NamedType {
  public RecordModel {
    typeArguments = List.copyOf(typeArguments);
    components = List.copyOf(components);
  }

  public RecordModel(QualifiedName name, List<ComponentModel> components) {
    this(name, List.of(), components);
  }

  @Override
  public WireType reference() {
    return new WireType.RecordRef(name, typeArguments);
  }

  @Override
  public String shape() {
    return "record " + reference().shape() + " {"
        + components.stream().map(c -> c.name() + ":" + c.type().shape())
            .collect(Collectors.joining(","))
        + "}";
  }
}
