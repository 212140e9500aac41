package io.rpcparallel.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.rpcparallel.processor.model.MethodKind;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.ParameterModel;
import java.util.Collection;
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
    return method.result().map(JavaTypes::of).orElse(TypeName.VOID);
  }

  /** {@code CompletableFuture<R>}, boxed, {@code CompletableFuture<Void>} for no result. */
  static TypeName future(MethodModel method) {
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

  private static CodeBlock write(ParameterModel parameter, WorkerNames names, String out) {
    return names.encode(parameter.type(), out, CodeBlock.of("$N", parameter.name()), false);
  }

  /** {@code base}, or {@code base2}, {@code base3}... if a parameter already has that name. */
  static String unusedName(String base, MethodModel method) {
    Set<String> taken = names(method.parameters());
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    return name;
  }

  static Set<String> names(Collection<ParameterModel> parameters) {
    return parameters.stream().map(ParameterModel::name).collect(Collectors.toSet());
  }
}
