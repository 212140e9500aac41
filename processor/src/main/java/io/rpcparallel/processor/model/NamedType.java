package io.rpcparallel.processor.model;

/** A user type whose codec is generated: a record or an enum. */
public sealed interface NamedType permits RecordModel, EnumModel {
  QualifiedName name();

  /** The definition as the interface fingerprint covers it. */
  String shape();
}
