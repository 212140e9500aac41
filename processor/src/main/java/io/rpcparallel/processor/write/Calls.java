package io.rpcparallel.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.rpcparallel.processor.model.MethodKind;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.ParameterModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Code shared by the client and its async view: how a method's call is written. */
final class Calls {
  private Calls() {}

  /** The return type of a method of the worker interface (and of the client). */
  static TypeName returnType(MethodModel method) {
    if (method.kind() == MethodKind.ASYNC) {
      return future(method);
    }
    if (StreamCalls.returnsStream(method)) {
      return StreamCalls.streamType(method);
    }
    return method.result().map(JavaTypes::of).orElse(TypeName.VOID);
  }

  /** {@code CompletableFuture<R>}, boxed, {@code CompletableFuture<Void>} for no result. */
  static TypeName future(MethodModel method) {
    if (StreamCalls.returnsStream(method)) {
      return ParameterizedTypeName.get(RuntimeNames.COMPLETABLE_FUTURE, StreamCalls.streamType(method));
    }
    TypeName value = method.result().map(t -> JavaTypes.of(t).box())
        .orElse(TypeName.VOID.box());
    return ParameterizedTypeName.get(RuntimeNames.COMPLETABLE_FUTURE, value);
  }

  /**
   * A statement {@code head(id, out -> { ...write the arguments... }[, tail]);}. The lambda is
   * written inline for one argument and as a block for more.
   */
  static CodeBlock call(CodeBlock head, CodeBlock id, MethodModel method, WorkerNames names,
      String out, CodeBlock tail) {
    CodeBlock.Builder code = CodeBlock.builder();
    if (method.parameters().size() <= 1) {
      CodeBlock lambda = method.parameters().isEmpty()
          ? CodeBlock.of("$N -> {}", out)
          : CodeBlock.of("$N -> $L", out, write(method.parameters().get(0), names, out));
      if (tail == null) {
        code.addStatement("$L($L,$W$L)", head, id, lambda);
      } else {
        code.addStatement("$L($L,$W$L,$W$L)", head, id, lambda, tail);
      }
      return code.build();
    }
    code.add("$L($L, $N -> {\n", head, id, out).indent();
    for (ParameterModel parameter : method.parameters()) {
      code.addStatement("$L", write(parameter, names, out));
    }
    code.unindent();
    if (tail == null) {
      code.add("});\n");
    } else {
      code.add("},$W$L);\n", tail);
    }
    return code.build();
  }

  /** The Java parameters of a method: its wire parameters, then its stream parameter if any. */
  static List<ParameterSpec> parameters(MethodModel method) {
    List<ParameterSpec> specs = new ArrayList<>();
    for (ParameterModel parameter : method.parameters()) {
      specs.add(ParameterSpec.builder(JavaTypes.of(parameter.type()), parameter.name()).build());
    }
    method.stream().flatMap(s -> s.parameter()).ifPresent(name ->
        specs.add(ParameterSpec.builder(StreamCalls.streamType(method), name).build()));
    return specs;
  }

  private static CodeBlock write(ParameterModel parameter, WorkerNames names, String out) {
    return names.encode(parameter.type(), out, CodeBlock.of("$N", parameter.name()), false);
  }

  /** {@code base}, or {@code base2}, {@code base3}... if a parameter already has that name. */
  static String unusedName(String base, MethodModel method) {
    Set<String> taken = javaNames(method);
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    return name;
  }

  /** The names of all the Java parameters of a method, its stream parameter included. */
  static Set<String> javaNames(MethodModel method) {
    Set<String> names = new java.util.HashSet<>(names(method.parameters()));
    method.stream().flatMap(s -> s.parameter()).ifPresent(names::add);
    return names;
  }

  static Set<String> names(Collection<ParameterModel> parameters) {
    return parameters.stream().map(ParameterModel::name).collect(Collectors.toSet());
  }
}
