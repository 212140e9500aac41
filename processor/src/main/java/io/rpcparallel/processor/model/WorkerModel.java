package io.rpcparallel.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * A valid {@code @RpcWorker} interface: everything the writers need to generate its code.
 *
 * @param iface the interface
 * @param init the init argument's type; empty when it is {@code Void}
 * @param connectArg the connect argument's type; empty when it is {@code Void} (connections have
 *     no state of their own)
 * @param methods the remote methods, in declaration order
 * @param namedTypes every record and enum reached from the methods, the init and connect types, sorted
 *     by canonical name
 * @param fingerprint 16 lowercase hex digits
 */
public record WorkerModel(
    QualifiedName iface,
    Optional<WireType> init,
    Optional<WireType> connectArg,
    List<MethodModel> methods,
    List<NamedType> namedTypes,
    String fingerprint) {
  public WorkerModel {
    methods = List.copyOf(methods);
    namedTypes = List.copyOf(namedTypes);
  }
}
