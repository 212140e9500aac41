package io.rpcparallel.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.WireType;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code XRpc}: the fingerprint, the method ids, the {@code WorkerType} and the entry
 * points (spawn, connect, serve).
 */
final class RpcWriter {
  private RpcWriter() {}

  static TypeSpec write(WorkerNames names) {
    Optional<WireType> init = names.model.init();
    TypeName initType = init.map(JavaTypes::of).orElse(TypeName.VOID.box());
    TypeName workerType =
        ParameterizedTypeName.get(RuntimeNames.WORKER_TYPE, names.iface, initType.box());
    Optional<WireType> connectArg = names.model.connectArg();
    TypeName connectType = connectArg.map(JavaTypes::of).orElse(TypeName.VOID.box());
    // With a connect argument, the implementation must also build connection states: the
    // entry points take a T that is both, so javac checks it.
    Optional<TypeVariableName> implVariable = connectArg.map(t -> TypeVariableName.get("T", names.iface,
        ParameterizedTypeName.get(RuntimeNames.CONNECTION_STATE_FACTORY, connectType.box(),
            WildcardTypeName.subtypeOf(Object.class))));
    TypeName implementationClass = implVariable
        .<TypeName>map(v -> ParameterizedTypeName.get(ClassName.get(Class.class), v))
        .orElse(ParameterizedTypeName.get(
            ClassName.get(Class.class), WildcardTypeName.subtypeOf(names.iface)));

    TypeSpec.Builder type = TypeSpec.classBuilder(names.rpc)
        .addJavadoc("Spawns, connects to and serves {@link $T} workers.\n", names.iface)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL);

    type.addField(FieldSpec.builder(String.class, "FINGERPRINT",
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("A digest of {@link $T}'s method ids and the shapes of its wire types;"
            + " a client and a\n", names.iface)
        .addJavadoc("worker check at the handshake that theirs are the same.\n")
        .initializer("$S", names.model.fingerprint())
        .build());

    for (MethodModel method : names.model.methods()) {
      type.addField(FieldSpec.builder(int.class, names.idConstant(method),
              Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The wire id of {@code $L.$L}, from {@code $L}.\n",
              names.iface.simpleName(), method.name(), method.idSource())
          .initializer("0x$L", String.format("%08x", method.id()))
          .build());
    }

    CodeBlock initCodec = init
        .map(t -> t instanceof WireType.Primitive p ? new WireType.Boxed(p.kind()) : t)
        .map(t -> names.codec(t, false))
        .orElse(CodeBlock.of("$T.VOID", RuntimeNames.CODECS));
    CodeBlock typeArguments = CodeBlock.of("$T.class,$W$T.class,$WFINGERPRINT,$W$T.class,$W$L",
        names.rpc, names.iface, initType, initCodec);
    if (connectArg.isPresent()) {
      CodeBlock connectCodec = names.codec(connectArg
          .map(t -> t instanceof WireType.Primitive p ? new WireType.Boxed(p.kind()) : t).get(), false);
      typeArguments = CodeBlock.of("$L,$W$T.class,$W$L", typeArguments, connectType, connectCodec);
    }
    TypeSpec anonymousType = TypeSpec.anonymousClassBuilder(typeArguments)
        .superclass(workerType)
        .addMethod(MethodSpec.methodBuilder("dispatcher")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(RuntimeNames.DISPATCHER)
            .addParameter(names.iface, "implementation")
            .addStatement("return new $T(implementation)", names.dispatcher)
            .build())
        .build();
    type.addField(FieldSpec.builder(workerType, "TYPE",
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("What the runtime knows of {@link $T}.\n", names.iface)
        .initializer("$L", anonymousType)
        .build());

    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    String initDoc = init.isPresent()
        ? "built from {@code init}" : "built by its no-argument constructor";
    CodeBlock initArgument = CodeBlock.of(init.isPresent() ? "init" : "null");

    String connectDoc = connectArg.isPresent()
        ? ", and connects to it;\nthe worker builds the connection's state from {@code connectArg}"
        : ", and connects to it";
    CodeBlock connectArgument = CodeBlock.of(connectArg.isPresent() ? ", connectArg" : "");

    type.addMethod(spawnMethod("spawn", implVariable, implementationClass, initType, init.isPresent(),
            Optional.empty())
        .addJavadoc("Spawns a {@link $T} worker running {@code implementation},\n", names.iface)
        .addJavadoc("$L, and returns its handle once it is initialised.\n", initDoc)
        .addJavadoc("Connect to it with {@link #connect}.\n")
        .returns(ParameterizedTypeName.get(RuntimeNames.WORKER, names.iface))
        .addStatement("return $T.spawn(TYPE, implementation, $L, options)", RuntimeNames.RPC,
            initArgument)
        .build());
    Optional<TypeName> connectParameter = connectArg.map(t -> connectType);
    type.addMethod(spawnMethod("spawnAndConnect", implVariable, implementationClass, initType,
            init.isPresent(), connectParameter)
        .addJavadoc("Spawns a {@link $T} worker running {@code implementation},\n", names.iface)
        .addJavadoc("$L$L. Closing the client ends the worker\n", initDoc, connectDoc)
        .addJavadoc("unless the options say otherwise.\n")
        .returns(names.client)
        .addStatement("return new $T($T.spawnAndConnect(TYPE, implementation, $L$L, options))",
            names.client, RuntimeNames.RPC, initArgument, connectArgument)
        .build());
    type.addMethod(spawnMethod("spawnForeground", implVariable, implementationClass, initType,
            init.isPresent(), connectParameter)
        .addJavadoc("Spawns a {@link $T} worker running {@code implementation},\n", names.iface)
        .addJavadoc("$L$L. The result also holds the worker's\n", initDoc, connectDoc)
        .addJavadoc("{@link Process}, whose output the caller can read.\n")
        .returns(ParameterizedTypeName.get(RuntimeNames.FOREGROUND, names.client))
        .addStatement("return $T.spawnForeground(TYPE, implementation, $L$L, options, $T::new)",
            RuntimeNames.RPC, initArgument, connectArgument, names.client)
        .build());
    MethodSpec.Builder connect = MethodSpec.methodBuilder("connect")
        .addJavadoc("Opens a new connection to a running {@link $T} worker", names.iface)
        .addJavadoc(connectArg.isPresent()
            ? ",\nwhich builds the connection's state from {@code connectArg} before this returns.\n"
            : ".\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(names.client)
        .addParameter(ParameterizedTypeName.get(RuntimeNames.WORKER, names.iface), "worker");
    connectParameter.ifPresent(t -> connect.addParameter(t, "connectArg"));
    type.addMethod(connect
        .addStatement("return new $T($T.connect(TYPE, worker$L))", names.client, RuntimeNames.RPC,
            connectArgument)
        .build());
    MethodSpec.Builder serve = MethodSpec.methodBuilder("serve")
        .addJavadoc("Runs a {@link $T} worker server for {@code implementation} inside this"
            + " JVM.\n", names.iface)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(RuntimeNames.IN_PROCESS_SERVER, names.iface));
    implVariable.ifPresentOrElse(v -> serve.addTypeVariable(v).addParameter(v, "implementation"),
        () -> serve.addParameter(names.iface, "implementation"));
    type.addMethod(serve
        .addStatement("return $T.serve(TYPE, implementation)", RuntimeNames.RPC)
        .build());
    return type.build();
  }

  private static MethodSpec.Builder spawnMethod(String name, Optional<TypeVariableName> implVariable,
      TypeName implementationClass, TypeName initType, boolean hasInit,
      Optional<TypeName> connectType) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC);
    implVariable.ifPresent(method::addTypeVariable);
    method.addParameter(implementationClass, "implementation");
    if (hasInit) {
      method.addParameter(initType, "init");
    }
    connectType.ifPresent(t -> method.addParameter(t, "connectArg"));
    return method.addParameter(RuntimeNames.SPAWN_OPTIONS, "options");
  }
}
