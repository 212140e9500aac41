package io.rpcparallel.processor.model;

/** A user type whose codec is generated: a record, an enum or a sealed interface. */
public sealed interface NamedType permits RecordModel, EnumModel, SealedModel {
  QualifiedName name();

  /** How types refer to it; a generic record's reference has its type arguments. */
  WireType reference();

  /** The definition as the interface fingerprint covers it. */
  String shape();
}
