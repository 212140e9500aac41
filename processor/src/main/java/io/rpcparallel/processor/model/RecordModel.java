package io.rpcparallel.processor.model;

import java.util.List;
import java.util.stream.Collectors;

/** A record that travels over the wire: its components, in declaration order. */
public record RecordModel(QualifiedName name, List<ComponentModel> components)
    implements NamedType {
  public RecordModel {
    components = List.copyOf(components);
  }

  @Override
  public String shape() {
    return "record " + name.canonicalName() + " {"
        + components.stream().map(c -> c.name() + ":" + c.type().shape())
            .collect(Collectors.joining(","))
        + "}";
  }
}
