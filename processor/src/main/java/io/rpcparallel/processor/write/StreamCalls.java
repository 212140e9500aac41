package io.rpcparallel.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.rpcparallel.processor.model.MethodKind;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.StreamModel;
import java.util.List;

/** How streaming methods (pipes, reverse pipes, state calls) are called and dispatched. */
final class StreamCalls {
  private StreamCalls() {}

  private static TypeName item(MethodModel method) {
    return JavaTypes.of(stream(method).item()).box();
  }

  /** The codec of the stream's items: a type argument, so never a primitive. */
  private static CodeBlock itemCodec(MethodModel method, WorkerNames names) {
    return names.codec(stream(method).item(), false);
  }

  private static StreamModel stream(MethodModel method) {
    return method.stream().orElseThrow();
  }

  /** The type of the stream parameter, or of the streaming result. */
  static TypeName streamType(MethodModel method) {
    return switch (method.kind()) {
      case PIPE, REVERSE_PIPE -> ParameterizedTypeName.get(RuntimeNames.FLOW_PUBLISHER, item(method));
      case DIRECT_PIPE, REVERSE_DIRECT_PIPE ->
          ParameterizedTypeName.get(RuntimeNames.STREAM_WRITER, item(method));
      case STATE -> ParameterizedTypeName.get(RuntimeNames.STATE_STREAM,
          JavaTypes.of(method.result().orElseThrow()).box(), item(method));
      default -> throw new IllegalArgumentException(method.kind().toString());
    };
  }

  /** Whether the method returns its stream (rather than taking it as its last parameter). */
  static boolean returnsStream(MethodModel method) {
    return method.stream().isPresent() && stream(method).parameter().isEmpty();
  }

  /**
   * The client's call: {@code [return] [Rpc.await(]connection.streams().kind(id, args, ...)};}
   * blocking, or returning the future in the async view.
   */
  static CodeBlock clientCall(MethodModel method, WorkerNames names, CodeBlock connection,
      CodeBlock id, String out, String in, boolean blocking) {
    CodeBlock codec = itemCodec(method, names);
    String parameter = stream(method).parameter().orElse(null);
    String call = switch (method.kind()) {
      case PIPE -> "pipe";
      case DIRECT_PIPE -> "directPipe";
      case REVERSE_PIPE -> "reversePipe";
      case REVERSE_DIRECT_PIPE -> "reverseDirectPipe";
      case STATE -> "state";
      default -> throw new IllegalArgumentException(method.kind().toString());
    };
    CodeBlock tail = switch (method.kind()) {
      case DIRECT_PIPE -> CodeBlock.of("$L, $N", codec, parameter);
      case REVERSE_PIPE -> CodeBlock.of("$N, $L, $L", parameter, codec, names.reader(method.result(), in));
      case STATE -> CodeBlock.of("$L, $L", names.reader(method.result(), in), codec);
      default -> codec;
    };
    boolean returns = !(blocking && Calls.returnType(method).equals(TypeName.VOID));
    CodeBlock head;
    if (method.kind() == MethodKind.PIPE) {
      // A pipe's publisher sends the call when it is subscribed to: nothing to wait for.
      head = blocking ? CodeBlock.of("return $L.streams().$N", connection, call)
          : CodeBlock.of("return $T.completedFuture($L.streams().$N", RuntimeNames.COMPLETABLE_FUTURE,
              connection, call);
      tail = blocking ? tail : CodeBlock.of("$L)", tail);
    } else if (blocking) {
      head = CodeBlock.of(returns ? "return $T.await($L.streams().$N" : "$T.await($L.streams().$N",
          RuntimeNames.RPC, connection, call);
      tail = CodeBlock.of("$L)", tail);
    } else {
      head = CodeBlock.of("return $L.streams().$N", connection, call);
    }
    return Calls.call(head, id, method, names, out, tail);
  }

  /**
   * The dispatcher's call, once {@code stream} (the {@code StreamCall}) and the arguments are
   * decoded: hands the implementation's stream to the runtime, which answers the call.
   */
  static CodeBlock dispatch(MethodModel method, WorkerNames names, String stream,
      List<CodeBlock> arguments, String parameter, String out, String value) {
    CodeBlock codec = itemCodec(method, names);
    // The result is written as the client reads it: names.reader(method.result()).
    CodeBlock result = CodeBlock.of("($N, $N) -> $L", out, value,
        names.writeResult(method.result(), out, CodeBlock.of("$N", value)));
    return switch (method.kind()) {
      case PIPE -> CodeBlock.of("$N.pipe($L, $L);\n", stream, implementation(method, arguments), codec);
      case REVERSE_DIRECT_PIPE -> CodeBlock.of("$N.reverseDirectPipe($L, $L);\n", stream,
          implementation(method, arguments), codec);
      case STATE -> CodeBlock.of("$N.state($L, $L, $L);\n", stream,
          implementation(method, arguments), result, codec);
      case DIRECT_PIPE -> {
        String writer = parameter;
        yield CodeBlock.builder()
            .add("$N.directPipe($L, $N -> {\n", stream, codec, writer).indent()
            .addStatement("$L", implementation(method, with(arguments, writer)))
            .addStatement("return null")
            .unindent().add("});\n")
            .build();
      }
      case REVERSE_PIPE -> {
        String publisher = parameter;
        CodeBlock call = implementation(method, with(arguments, publisher));
        if (method.result().isPresent()) {
          yield CodeBlock.of("$N.reversePipe($L, $N -> $L,$W$L);\n", stream, codec, publisher, call, result);
        }
        yield CodeBlock.builder()
            .add("$N.reversePipe($L, $N -> {\n", stream, codec, publisher).indent()
            .addStatement("$L", call)
            .addStatement("return null")
            .unindent().add("}, $L);\n", result)
            .build();
      }
      default -> throw new IllegalArgumentException(method.kind().toString());
    };
  }

  private static List<CodeBlock> with(List<CodeBlock> arguments, String last) {
    List<CodeBlock> all = new java.util.ArrayList<>(arguments);
    all.add(CodeBlock.of("$N", last));
    return all;
  }

  private static CodeBlock implementation(MethodModel method, List<CodeBlock> arguments) {
    return CodeBlock.of("implementation.$N($L)", method.name(), CodeBlock.join(arguments, ", "));
  }
}
