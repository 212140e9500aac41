package io.rpcparallel.processor.model;

import java.util.List;

/** An enum that travels over the wire, by ordinal; its constants in declaration order. */
public record EnumModel(QualifiedName name, List<String> constants) implements NamedType {
  public EnumModel {
    constants = List.copyOf(constants);
  }

  @Override
  public WireType reference() {
    return new WireType.EnumRef(name);
  }

  @Override
  public String shape() {
    return "enum " + name.canonicalName() + " {" + String.join(",", constants) + "}";
  }
}
