package io.rpcparallel.processor.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One remote method of a worker interface.
 *
 * @param name the Java name
 * @param wireName the {@code @RpcName} value, or the Java name
 * @param erasedParameterTypes the canonical names of the parameters' erasures
 * @param id the wire id: {@link Signatures#methodId} of the wire name and erased parameter types
 * @param kind how it is called
 * @param parameters its parameters, in order
 * @param result what the reply carries; empty for {@code void} and {@code CompletableFuture<Void>}
 * @param varargs whether the last parameter is declared as varargs
 * @param stream the stream of a streaming method (not among {@code parameters}), else empty
 * @param onEventLoop whether the worker runs it on its event loop ({@code @OnEventLoop}); not
 *     part of the interface's fingerprint, since callers cannot tell
 */
public record MethodModel(
    String name,
    String wireName,
    List<String> erasedParameterTypes,
    int id,
    MethodKind kind,
    List<ParameterModel> parameters,
    Optional<WireType> result,
    boolean varargs,
    Optional<StreamModel> stream,
    boolean onEventLoop) {
  public MethodModel {
    erasedParameterTypes = List.copyOf(erasedParameterTypes);
    parameters = List.copyOf(parameters);
  }

  /** A method with no stream. */
  public MethodModel(String name, String wireName, List<String> erasedParameterTypes, int id,
      MethodKind kind, List<ParameterModel> parameters, Optional<WireType> result,
      boolean varargs) {
    this(name, wireName, erasedParameterTypes, id, kind, parameters, result, varargs,
        Optional.empty(), false);
  }

  /** What the id is a digest of: {@code wireName(erasedType,...)}. */
  public String idSource() {
    return Signatures.idSource(wireName, erasedParameterTypes);
  }

  /** The method as the interface fingerprint covers it. */
  public String shape() {
    return String.format("%08x", id) + " " + kind.shape() + " ("
        + parameters.stream().map(p -> p.type().shape()).collect(Collectors.joining(","))
        + ") -> " + result.map(WireType::shape).orElse("void")
        + stream.map(s -> " stream " + s.item().shape()).orElse("");
  }
}
