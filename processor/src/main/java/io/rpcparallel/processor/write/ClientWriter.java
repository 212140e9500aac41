package io.rpcparallel.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.rpcparallel.processor.model.MethodKind;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.ParameterModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code XClient}: implements the worker interface by sending each call over an
 * {@code RpcConnection}; its nested {@code Async} class is the {@code XAsync} view.
 */
final class ClientWriter {
  private static final String ASYNC_CLASS = "Async";

  private ClientWriter() {}

  static TypeSpec write(WorkerNames names) {
    ClassName asyncView = names.client.nestedClass(ASYNC_CLASS);
    TypeSpec.Builder type = TypeSpec.classBuilder(names.client)
        .addJavadoc("A connection to a {@link $T} worker, as an implementation of {@link $T}.\n",
            names.iface, names.iface)
        .addJavadoc("\n")
        .addJavadoc("<p>Each method runs in the worker. Methods returning a"
            + " {@code CompletableFuture}\n")
        .addJavadoc("do not block; one-way methods return once the call is sent; the others wait\n")
        .addJavadoc("for the reply. Closing the client closes the connection.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(names.iface)
        .addSuperinterface(RuntimeNames.RPC_CLIENT)
        .addField(RuntimeNames.RPC_CONNECTION, "connection", Modifier.PRIVATE, Modifier.FINAL)
        .addField(FieldSpec.builder(names.async, "async", Modifier.PRIVATE, Modifier.FINAL)
            .initializer("new $T()", asyncView)
            .build())
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("Wraps a connection to a {@link $T} worker; see {@link $T#connect}.\n",
                names.iface, names.rpc)
            .addParameter(RuntimeNames.RPC_CONNECTION, "connection")
            .addStatement("this.connection = $T.requireNonNull(connection, $S)",
                RuntimeNames.OBJECTS, "connection")
            .build());

    for (MethodModel method : names.model.methods()) {
      type.addMethod(method(method, names));
    }

    type.addMethod(MethodSpec.methodBuilder("async")
            .addJavadoc("The same methods, each returning a {@code CompletableFuture} instead"
                + " of blocking.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(names.async)
            .addStatement("return async")
            .build())
        .addMethod(MethodSpec.methodBuilder("control")
            .addJavadoc("The worker's built-ins: its handle ({@code Worker<$T>}, to pass to other"
                + " workers), shutdown, close-server, its settings and its log stream.\n", names.iface)
            .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked")
                .build())
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(RuntimeNames.WORKER_CONTROL, names.iface))
            .addStatement("return ($T) connection.control()",
                ParameterizedTypeName.get(RuntimeNames.WORKER_CONTROL, names.iface))
            .build())
        .addMethod(MethodSpec.methodBuilder("close")
            .addJavadoc("Closes the connection; calls in flight fail.\n")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addStatement("connection.close()")
            .build())
        .addType(asyncView(names, asyncView));
    return type.build();
  }

  private static MethodSpec method(MethodModel method, WorkerNames names) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.name())
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(Calls.returnType(method));
    addParameters(spec, method);
    CodeBlock connection = connection(method, CodeBlock.of("this.connection"));
    String out = Calls.unusedName("out", method);
    String in = Calls.unusedName("in", method);
    CodeBlock id = CodeBlock.of("$T.$N", names.rpc, names.idConstant(method));
    CodeBlock reader = names.reader(method.result(), in);
    boolean returns = !Calls.returnType(method).equals(TypeName.VOID);
    spec.addCode(switch (method.kind()) {
      case BLOCKING -> Calls.call(
          CodeBlock.of(returns ? "return $L.callBlocking" : "$L.callBlocking", connection),
          id, method, names, out, reader);
      case ASYNC -> Calls.call(CodeBlock.of("return $L.call", connection), id, method, names,
          out, reader);
      case ONE_WAY -> Calls.call(CodeBlock.of("$L.oneWay", connection), id, method, names, out,
          null);
      case PIPE, DIRECT_PIPE, REVERSE_PIPE, REVERSE_DIRECT_PIPE, STATE ->
          StreamCalls.clientCall(method, names, connection, id, out, in, true);
    });
    return spec.build();
  }

  private static TypeSpec asyncView(WorkerNames names, ClassName asyncView) {
    TypeSpec.Builder type = TypeSpec.classBuilder(asyncView)
        .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
        .addSuperinterface(names.async);
    for (MethodModel method : names.model.methods()) {
      MethodSpec.Builder spec = AsyncWriter.signature(method, names)
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC);
      CodeBlock connection =
          connection(method, CodeBlock.of("$T.this.connection", names.client));
      String out = Calls.unusedName("out", method);
      String in = Calls.unusedName("in", method);
      CodeBlock id = CodeBlock.of("$T.$N", names.rpc, names.idConstant(method));
      if (method.kind() == MethodKind.ONE_WAY) {
        spec.addCode(Calls.call(CodeBlock.of("$L.oneWay", connection), id, method, names, out,
            null));
        spec.addStatement("return $T.completedFuture(null)", RuntimeNames.COMPLETABLE_FUTURE);
      } else if (method.stream().isPresent()) {
        spec.addCode(StreamCalls.clientCall(method, names, connection, id, out, in, false));
      } else {
        spec.addCode(Calls.call(CodeBlock.of("return $L.call", connection), id, method, names,
            out, names.reader(method.result(), in)));
      }
      type.addMethod(spec.build());
    }
    return type.build();
  }

  /** {@code connection}, or {@code qualified} if a parameter hides the field. */
  private static CodeBlock connection(MethodModel method, CodeBlock qualified) {
    return Calls.javaNames(method).contains("connection")
        ? qualified : CodeBlock.of("connection");
  }

  private static void addParameters(MethodSpec.Builder spec, MethodModel method) {
    spec.addParameters(Calls.parameters(method));
    spec.varargs(method.varargs());
  }
}
