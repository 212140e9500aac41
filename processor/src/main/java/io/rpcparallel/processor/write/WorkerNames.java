package io.rpcparallel.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.NamedType;
import io.rpcparallel.processor.model.ParameterModel;
import io.rpcparallel.processor.model.QualifiedName;
import io.rpcparallel.processor.model.RecordModel;
import io.rpcparallel.processor.model.SealedModel;
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

  /**
   * The codecs {@code XCodecs} declares: records, enums and sealed interfaces first, then the
   * composite codecs (collections, arrays, worker handles, {@code @RpcCodec} codecs).
   */
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
    } else if (type instanceof WireType.PrimitiveArray a) {
      return CodeBlock.of("$T.$LS", RuntimeNames.CODECS, a.kind().codecConstant());
    } else if (type instanceof WireType.Standard s) {
      return CodeBlock.of("$T.$L", RuntimeNames.CODECS, s.codecConstant());
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

  /**
   * A lambda body writing a call's result {@code value} to {@code out}: the counterpart of
   * {@link #reader}, so both sides see the same type (a {@code long} has no presence byte);
   * {@code {}} for no result.
   */
  CodeBlock writeResult(Optional<WireType> result, String out, CodeBlock value) {
    return result.map(type -> encode(type, out, value, false)).orElse(CodeBlock.of("{}"));
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
      codecConstants.put(named.reference(), allocate(fragment(named.reference()), used));
    }
    // Composite codecs are built from the codecs of their parts, so they come after them, the
    // shallower first: a static field is never read before it is initialised.
    Set<WireType> composites = new HashSet<>();
    model.init().ifPresent(t -> collectComposites(t, composites));
    model.connectArg().ifPresent(t -> collectComposites(t, composites));
    for (MethodModel method : model.methods()) {
      method.parameters().forEach(p -> collectComposites(p.type(), composites));
      method.result().ifPresent(t -> collectComposites(t, composites));
      method.stream().ifPresent(s -> collectComposites(s.item(), composites));
    }
    for (NamedType named : model.namedTypes()) {
      if (named instanceof RecordModel record) {
        record.components().forEach(c -> collectComposites(c.type(), composites));
      } else if (named instanceof SealedModel sealed) {
        sealed.alternatives().forEach(a -> collectComposites(a, composites));
      }
    }
    composites.stream()
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
            .map(WorkerNames::fragment)
            .collect(Collectors.joining("_"));
      }
      idConstants.put(method.id(), allocate(name, used));
    }
  }

  /** A type as part of a constant name: {@code LONG}, {@code JOB}, {@code LIST_OF_JOB}. */
  private static String fragment(WireType type) {
    if (type instanceof WireType.Primitive p) {
      return p.kind().name();
    } else if (type instanceof WireType.Boxed b) {
      return b.kind().name();
    } else if (type instanceof WireType.Text) {
      return "STRING";
    } else if (type instanceof WireType.ByteArray) {
      return "BYTES";
    } else if (type instanceof WireType.PrimitiveArray a) {
      return a.kind().name() + "_ARRAY";
    } else if (type instanceof WireType.Standard s) {
      return s.codecConstant();
    } else if (type instanceof WireType.ListOf l) {
      return "LIST_OF_" + fragment(l.element());
    } else if (type instanceof WireType.SetOf s) {
      return "SET_OF_" + fragment(s.element());
    } else if (type instanceof WireType.SortedSetOf s) {
      return "SORTED_SET_OF_" + fragment(s.element());
    } else if (type instanceof WireType.MapOf m) {
      return "MAP_OF_" + fragment(m.key()) + "_TO_" + fragment(m.value());
    } else if (type instanceof WireType.SortedMapOf m) {
      return "SORTED_MAP_OF_" + fragment(m.key()) + "_TO_" + fragment(m.value());
    } else if (type instanceof WireType.OptionalOf o) {
      return "OPTIONAL_OF_" + fragment(o.element());
    } else if (type instanceof WireType.ArrayOf a) {
      return fragment(a.element()) + "_ARRAY";
    } else if (type instanceof WireType.WorkerRef w) {
      return "WORKER_OF_" + upperSnake(w.iface().simpleName());
    } else if (type instanceof WireType.Custom c) {
      return upperSnake(c.type().simpleName());
    } else if (type instanceof WireType.RecordRef r) {
      return upperSnake(r.name().simpleName()) + (r.typeArguments().isEmpty() ? ""
          : "_OF_" + r.typeArguments().stream().map(WorkerNames::fragment)
              .collect(Collectors.joining("_")));
    } else if (type instanceof WireType.EnumRef e) {
      return upperSnake(e.name().simpleName());
    } else if (type instanceof WireType.SealedRef s) {
      return upperSnake(s.name().simpleName());
    }
    throw new AssertionError(type);
  }

  /** Whether a type's codec is a constant of {@code XCodecs} built from other codecs. */
  static boolean isComposite(WireType type) {
    return type instanceof WireType.ListOf || type instanceof WireType.SetOf
        || type instanceof WireType.SortedSetOf || type instanceof WireType.MapOf
        || type instanceof WireType.SortedMapOf || type instanceof WireType.OptionalOf
        || type instanceof WireType.ArrayOf || type instanceof WireType.WorkerRef
        || type instanceof WireType.Custom;
  }

  private static void collectComposites(WireType type, Set<WireType> into) {
    if (isComposite(type)) {
      into.add(type);
      type.children().forEach(c -> collectComposites(c, into));
    }
  }

  private static int depth(WireType type) {
    return isComposite(type)
        ? 1 + type.children().stream().mapToInt(WorkerNames::depth).max().orElse(0) : 0;
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
