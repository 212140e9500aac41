package io.rpcparallel.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.NamedType;
import io.rpcparallel.processor.model.ParameterModel;
import io.rpcparallel.processor.model.QualifiedName;
import io.rpcparallel.processor.model.RecordModel;
import io.rpcparallel.processor.model.WireType;
import io.rpcparallel.processor.model.WorkerModel;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names the generated classes of one worker share: the classes themselves, the method id
 * constants of {@code XRpc} and the codec constants of {@code XCodecs}, and how code refers to
 * a type's codec. Every name is derived deterministically from the model.
 */
final class WorkerNames {
  private static final Set<String> RESERVED_RPC_FIELDS = Set.of("FINGERPRINT", "TYPE");

  final WorkerModel model;
  final ClassName iface;
  final ClassName rpc;
  final ClassName client;
  final ClassName async;
  final ClassName dispatcher;
  final ClassName codecs;
  private final Map<Integer, String> idConstants = new HashMap<>();
  /** Codec constants, in the order {@code XCodecs} declares them. */
  private final Map<WireType, String> codecConstants = new LinkedHashMap<>();

  WorkerNames(WorkerModel model) {
    this.model = model;
    QualifiedName name = model.iface();
    String prefix = name.flatName();
    iface = JavaTypes.className(name);
    rpc = JavaTypes.className(name.peer(prefix + "Rpc"));
    client = JavaTypes.className(name.peer(prefix + "Client"));
    async = JavaTypes.className(name.peer(prefix + "Async"));
    dispatcher = JavaTypes.className(name.peer(prefix + "Dispatcher"));
    codecs = JavaTypes.className(name.peer(prefix + "Codecs"));
    nameCodecs();
    nameMethodIds();
  }

  /** The {@code XRpc} constant holding a method's wire id. */
  String idConstant(MethodModel method) {
    return idConstants.get(method.id());
  }

  /** The codecs {@code XCodecs} declares: records and enums first, then the collections. */
  Map<WireType, String> codecConstants() {
    return codecConstants;
  }

  /** An expression for the codec of a (non-primitive) type. */
  CodeBlock codec(WireType type, boolean inCodecs) {
    if (type instanceof WireType.Boxed b) {
      return CodeBlock.of("$T.$L", RuntimeNames.CODECS, b.kind().codecConstant());
    } else if (type instanceof WireType.Text) {
      return CodeBlock.of("$T.STRING", RuntimeNames.CODECS);
    } else if (type instanceof WireType.ByteArray) {
      return CodeBlock.of("$T.BYTES", RuntimeNames.CODECS);
    } else if (type instanceof WireType.Primitive) {
      throw new IllegalArgumentException("primitives have no codec: " + type);
    }
    String constant = codecConstants.get(type);
    return inCodecs ? CodeBlock.of("$N", constant) : CodeBlock.of("$T.$N", codecs, constant);
  }

  /** A statement-less expression writing {@code value} to {@code out}. */
  CodeBlock encode(WireType type, String out, CodeBlock value, boolean inCodecs) {
    if (type instanceof WireType.Primitive p) {
      return CodeBlock.of("$N.write$L($L)", out, p.kind().wireSuffix(), value);
    }
    return CodeBlock.of("$L.encode($N, $L)", codec(type, inCodecs), out, value);
  }

  /** An expression reading a value of {@code type} from {@code in}. */
  CodeBlock decode(WireType type, String in, boolean inCodecs) {
    if (type instanceof WireType.Primitive p) {
      return CodeBlock.of("$N.read$L()", in, p.kind().wireSuffix());
    }
    return CodeBlock.of("$L.decode($N)", codec(type, inCodecs), in);
  }

  /** A {@code ResultReader} for a call's result; {@code Codecs.VOID::decode} for no result. */
  CodeBlock reader(Optional<WireType> result, String in) {
    if (result.isEmpty()) {
      return CodeBlock.of("$T.VOID::decode", RuntimeNames.CODECS);
    }
    WireType type = result.get();
    if (type instanceof WireType.Primitive) {
      return CodeBlock.of("$N -> $L", in, decode(type, in, false));
    }
    return CodeBlock.of("$L::decode", codec(type, false));
  }

  private void nameCodecs() {
    Set<String> used = new HashSet<>();
    for (NamedType named : model.namedTypes()) {
      WireType reference = named instanceof RecordModel
          ? new WireType.RecordRef(named.name()) : new WireType.EnumRef(named.name());
      codecConstants.put(reference, allocate(upperSnake(named.name().simpleName()), used));
    }
    // Collections are built from the codecs of their elements, so they come after them, the
    // shallower first: a static field is never read before it is initialised.
    Set<WireType> collections = new HashSet<>();
    model.init().ifPresent(t -> collectCollections(t, collections));
    model.connectArg().ifPresent(t -> collectCollections(t, collections));
    for (MethodModel method : model.methods()) {
      method.parameters().forEach(p -> collectCollections(p.type(), collections));
      method.result().ifPresent(t -> collectCollections(t, collections));
      method.stream().ifPresent(s -> collectCollections(s.item(), collections));
    }
    for (NamedType named : model.namedTypes()) {
      if (named instanceof RecordModel record) {
        record.components().forEach(c -> collectCollections(c.type(), collections));
      }
    }
    collections.stream()
        .sorted(Comparator.comparingInt(WorkerNames::depth).thenComparing(WireType::shape))
        .forEachOrdered(t -> codecConstants.put(t, allocate(fragment(t), used)));
  }

  private void nameMethodIds() {
    Map<String, List<MethodModel>> byBase = model.methods().stream()
        .collect(Collectors.groupingBy(m -> upperSnake(m.name()), LinkedHashMap::new,
            Collectors.toList()));
    Set<String> used = new HashSet<>(RESERVED_RPC_FIELDS);
    for (MethodModel method : model.methods()) {
      String base = upperSnake(method.name());
      String name = base;
      if (byBase.get(base).size() > 1 && !method.parameters().isEmpty()) {
        // Overloads are told apart by their parameter types: ADD_LONG, ADD_LONG_LONG.
        name = base + "_" + method.parameters().stream()
            .map(ParameterModel::type)
            .map(this::fragment)
            .collect(Collectors.joining("_"));
      }
      idConstants.put(method.id(), allocate(name, used));
    }
  }

  /** A type as part of a constant name: {@code LONG}, {@code JOB}, {@code LIST_OF_JOB}. */
  private String fragment(WireType type) {
    if (type instanceof WireType.Primitive p) {
      return p.kind().name();
    } else if (type instanceof WireType.Boxed b) {
      return b.kind().name();
    } else if (type instanceof WireType.Text) {
      return "STRING";
    } else if (type instanceof WireType.ByteArray) {
      return "BYTES";
    } else if (type instanceof WireType.ListOf l) {
      return "LIST_OF_" + fragment(l.element());
    } else if (type instanceof WireType.MapOf m) {
      return "MAP_OF_" + fragment(m.key()) + "_TO_" + fragment(m.value());
    } else if (type instanceof WireType.OptionalOf o) {
      return "OPTIONAL_OF_" + fragment(o.element());
    }
    return codecConstants.get(type); // a record or an enum
  }

  private static void collectCollections(WireType type, Set<WireType> into) {
    if (type instanceof WireType.ListOf l) {
      into.add(type);
      collectCollections(l.element(), into);
    } else if (type instanceof WireType.MapOf m) {
      into.add(type);
      collectCollections(m.key(), into);
      collectCollections(m.value(), into);
    } else if (type instanceof WireType.OptionalOf o) {
      into.add(type);
      collectCollections(o.element(), into);
    }
  }

  private static int depth(WireType type) {
    if (type instanceof WireType.ListOf l) {
      return 1 + depth(l.element());
    } else if (type instanceof WireType.MapOf m) {
      return 1 + Math.max(depth(m.key()), depth(m.value()));
    } else if (type instanceof WireType.OptionalOf o) {
      return 1 + depth(o.element());
    }
    return 0;
  }

  private static String allocate(String name, Set<String> used) {
    String candidate = name;
    for (int i = 2; !used.add(candidate); i++) {
      candidate = name + "_" + i;
    }
    return candidate;
  }

  /** {@code submitJob} -> {@code SUBMIT_JOB}, {@code HTTPServer} -> {@code HTTP_SERVER}. */
  static String upperSnake(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        char previous = name.charAt(i - 1);
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(previous) || Character.isDigit(previous)
            || (Character.isUpperCase(previous) && nextIsLower)) {
          out.append('_');
        }
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }
}
