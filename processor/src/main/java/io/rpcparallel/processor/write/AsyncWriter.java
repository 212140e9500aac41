package io.rpcparallel.processor.write;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import io.rpcparallel.processor.model.MethodKind;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.ParameterModel;
import javax.lang.model.element.Modifier;

/** Writes {@code XAsync}: the worker interface with every method returning a future. */
final class AsyncWriter {
  private AsyncWriter() {}

  static TypeSpec write(WorkerNames names) {
    TypeSpec.Builder type = TypeSpec.interfaceBuilder(names.async)
        .addJavadoc("The methods of {@link $T}, each returning a {@code CompletableFuture}"
            + " instead of blocking.\n", names.iface)
        .addJavadoc("Get one with {@link $T#async()}.\n", names.client)
        .addModifiers(Modifier.PUBLIC);
    for (MethodModel method : names.model.methods()) {
      type.addMethod(signature(method, names)
          .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
          .addJavadoc(javadoc(method), names.iface.simpleName(), method.name())
          .build());
    }
    return type.build();
  }

  private static String javadoc(MethodModel method) {
    if (method.kind() == MethodKind.ONE_WAY) {
      return "Sends {@code $L.$L}; completes once the call is sent (a one-way call has no"
          + " reply).\n";
    }
    return method.result().isPresent()
        ? "Calls {@code $L.$L}; completes with its result.\n"
        : "Calls {@code $L.$L}; completes once it has run.\n";
  }

  /** The async signature of a method, for the interface and its implementation. */
  static MethodSpec.Builder signature(MethodModel method, WorkerNames names) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.name())
        .returns(Calls.future(method));
    spec.addParameters(Calls.parameters(method));
    return spec.varargs(method.varargs());
  }
}
