package io.rpcparallel.processor.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Method ids and interface fingerprints: SHA-256 over canonical text, so both are stable. */
public final class Signatures {
  private Signatures() {}

  /**
   * A method's wire id: the first four bytes (big-endian) of the SHA-256 of
   * {@code wireName(erasedParameterType,...)}.
   */
  public static int methodId(String wireName, List<String> erasedParameterTypes) {
    byte[] digest = sha256(idSource(wireName, erasedParameterTypes));
    return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8)
        | (digest[3] & 0xff);
  }

  /** What a method id is a digest of: {@code wireName(erasedType,...)}. */
  public static String idSource(String wireName, List<String> erasedParameterTypes) {
    return wireName + "(" + String.join(",", erasedParameterTypes) + ")";
  }

  /**
   * The interface fingerprint: 16 lowercase hex digits of the SHA-256 of {@link #canonicalText}.
   */
  public static String fingerprint(QualifiedName iface, Optional<WireType> init,
      List<MethodModel> methods, List<NamedType> namedTypes) {
    return fingerprint(iface, init, Optional.empty(), methods, namedTypes);
  }

  /** The fingerprint of an interface that may have a connect argument. */
  public static String fingerprint(QualifiedName iface, Optional<WireType> init,
      Optional<WireType> connectArg, List<MethodModel> methods, List<NamedType> namedTypes) {
    byte[] digest = sha256(canonicalText(iface, init, connectArg, methods, namedTypes));
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  /**
   * What the fingerprint covers: the interface name, the init type, the methods sorted by id
   * (kind, parameter and result shapes), and every record, enum and sealed interface reached,
   * sorted by name. Every other shape (collections, arrays, JDK types, worker handles,
   * {@code @RpcCodec} codecs) is part of the method and record shapes.
   */
  public static String canonicalText(QualifiedName iface, Optional<WireType> init,
      List<MethodModel> methods, List<NamedType> namedTypes) {
    return canonicalText(iface, init, Optional.empty(), methods, namedTypes);
  }

  /**
   * As above, with the connect argument's shape after the init type's when there is one (so
   * the fingerprints of interfaces without one are unchanged).
   */
  public static String canonicalText(QualifiedName iface, Optional<WireType> init,
      Optional<WireType> connectArg, List<MethodModel> methods, List<NamedType> namedTypes) {
    StringBuilder text = new StringBuilder();
    text.append("interface ").append(iface.canonicalName()).append('\n');
    text.append("init ").append(init.map(WireType::shape).orElse("none")).append('\n');
    connectArg.ifPresent(t -> text.append("connect ").append(t.shape()).append('\n'));
    methods.stream()
        .sorted(Comparator.comparingInt(MethodModel::id))
        .forEach(m -> text.append("method ").append(m.shape()).append('\n'));
    namedTypes.stream()
        .sorted(Comparator.comparing(t -> t.reference().shape()))
        .forEach(t -> text.append(t.shape()).append('\n'));
    return text.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
