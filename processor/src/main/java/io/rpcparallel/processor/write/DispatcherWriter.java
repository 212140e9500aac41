package io.rpcparallel.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import io.rpcparallel.processor.model.MethodKind;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.ParameterModel;
import io.rpcparallel.processor.model.WireType;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code XDispatcher}: decodes a call's arguments, calls the implementation and answers
 * with its result. An exception the implementation throws propagates to the runtime, which
 * answers the call with it. Methods run on the event loop ({@code @OnEventLoop}) are named by
 * {@code runsOnEventLoop}, which is only generated when there are some.
 */
final class DispatcherWriter {
  /** Names {@code dispatch} already uses, which a decoded argument must not hide. */
  private static final List<String> RESERVED =
      List.of("methodId", "args", "responder", "implementation");

  private DispatcherWriter() {}

  static TypeSpec write(WorkerNames names) {
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (methodId)");
    for (MethodModel method : names.model.methods()) {
      body.add(dispatch(method, names));
    }
    body.addStatement("default -> responder.unknownMethod(methodId)").endControlFlow();

    TypeSpec.Builder type = TypeSpec.classBuilder(names.dispatcher)
        .addJavadoc("The worker side of {@link $T}: runs each call on the implementation and"
            + " answers it.\n", names.iface)
        .addModifiers(Modifier.FINAL)
        .addSuperinterface(RuntimeNames.DISPATCHER)
        .addField(names.iface, "implementation", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("Dispatches calls to {@code implementation}.\n")
            .addParameter(names.iface, "implementation")
            .addStatement("this.implementation = $T.requireNonNull(implementation, $S)",
                RuntimeNames.OBJECTS, "implementation")
            .build())
        .addMethod(MethodSpec.methodBuilder("dispatch")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(int.class, "methodId")
            .addParameter(RuntimeNames.WIRE_INPUT, "args")
            .addParameter(RuntimeNames.RESPONDER, "responder")
            .addException(Exception.class)
            .addCode(body.build())
            .build());
    List<CodeBlock> onEventLoop = names.model.methods().stream()
        .filter(MethodModel::onEventLoop)
        .map(m -> CodeBlock.of("methodId == $T.$N", names.rpc, names.idConstant(m)))
        .toList();
    if (!onEventLoop.isEmpty()) {
      type.addMethod(MethodSpec.methodBuilder("runsOnEventLoop")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(boolean.class)
          .addParameter(int.class, "methodId")
          .addStatement("return $L", CodeBlock.join(onEventLoop, "\n|| "))
          .build());
    }
    return type.build();
  }

  private static CodeBlock dispatch(MethodModel method, WorkerNames names) {
    NameAllocator allocator = new NameAllocator();
    RESERVED.forEach(name -> allocator.newName(name, name));
    CodeBlock.Builder code = CodeBlock.builder()
        .beginControlFlow("case $T.$N ->", names.rpc, names.idConstant(method));
    List<CodeBlock> arguments = new ArrayList<>();
    String stream = null;
    if (method.stream().isPresent()) {
      // The stream's id comes before the arguments.
      stream = allocator.newName("stream");
      code.addStatement("$T $N = responder.stream(args)", RuntimeNames.STREAM_CALL, stream);
    }
    for (ParameterModel parameter : method.parameters()) {
      String local = allocator.newName(parameter.name(), parameter);
      code.addStatement("$T $N = $L", JavaTypes.of(parameter.type()), local,
          names.decode(parameter.type(), "args", false));
      arguments.add(CodeBlock.of("$N", local));
    }
    CodeBlock call = CodeBlock.of("implementation.$N($L)", method.name(),
        CodeBlock.join(arguments, ", "));
    String parameter = method.stream().flatMap(s -> s.parameter())
        .map(name -> allocator.newName(name)).orElse(null);
    String out = allocator.newName("out");
    switch (method.kind()) {
      case PIPE, DIRECT_PIPE, REVERSE_PIPE, REVERSE_DIRECT_PIPE, STATE -> {
        String value = allocator.newName(method.kind() == MethodKind.STATE ? "initial" : "result");
        code.add(StreamCalls.dispatch(method, names, stream, arguments, parameter, out, value));
      }
      case BLOCKING -> {
        if (method.result().isEmpty()) {
          code.addStatement("$L", call);
          code.addStatement("responder.reply($N -> {})", out);
        } else {
          WireType type = method.result().get();
          String result = allocator.newName("result");
          code.addStatement("$T $N = $L", JavaTypes.of(type), result, call);
          code.addStatement("responder.reply($N -> $L)", out,
              names.encode(type, out, CodeBlock.of("$N", result), false));
        }
      }
      case ONE_WAY -> {
        code.addStatement("$L", call);
        code.addStatement("responder.reply($N -> {})", out);
      }
      case ASYNC -> {
        String future = allocator.newName("future");
        String value = allocator.newName("value");
        String error = allocator.newName("error");
        code.addStatement("$T $N = $L", Calls.future(method), future, call);
        code.beginControlFlow("if ($N == null)", future)
            .addStatement("responder.fail(new $T($S))", NullPointerException.class,
                names.iface.simpleName() + "." + method.name() + " returned a null future")
            .nextControlFlow("else")
            .add("$N.whenComplete(($N, $N) -> {\n", future, value, error).indent()
            .beginControlFlow("if ($N != null)", error)
            .addStatement("responder.fail($N)", error)
            .nextControlFlow("else")
            .addStatement("responder.reply($N -> $L)", out,
                names.writeResult(method.result(), out, CodeBlock.of("$N", value)))
            .endControlFlow()
            .unindent().add("});\n")
            .endControlFlow();
      }
    }
    return code.endControlFlow().build();
  }
}
