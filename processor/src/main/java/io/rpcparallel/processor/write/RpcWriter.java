package io.rpcparallel.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
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
    TypeName implementationClass = ParameterizedTypeName.get(
        ClassName.get(Class.class), WildcardTypeName.subtypeOf(names.iface));

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
    TypeSpec anonymousType = TypeSpec.anonymousClassBuilder(
            "$T.class,$W$T.class,$WFINGERPRINT,$W$T.class,$W$L",
            names.rpc, names.iface, initType, initCodec)
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

    type.addMethod(spawnMethod("spawn", implementationClass, initType, init.isPresent())
        .addJavadoc("Spawns a {@link $T} worker running {@code implementation},\n", names.iface)
        .addJavadoc("$L, and returns its handle once it is initialised.\n", initDoc)
        .addJavadoc("Connect to it with {@link #connect}.\n")
        .returns(ParameterizedTypeName.get(RuntimeNames.WORKER, names.iface))
        .addStatement("return $T.spawn(TYPE, implementation, $L, options)", RuntimeNames.RPC,
            initArgument)
        .build());
    type.addMethod(spawnMethod("spawnAndConnect", implementationClass, initType, init.isPresent())
        .addJavadoc("Spawns a {@link $T} worker running {@code implementation},\n", names.iface)
        .addJavadoc("$L, and connects to it. Closing the client ends the worker\n", initDoc)
        .addJavadoc("unless the options say otherwise.\n")
        .returns(names.client)
        .addStatement("return new $T($T.spawnAndConnect(TYPE, implementation, $L, options))",
            names.client, RuntimeNames.RPC, initArgument)
        .build());
    type.addMethod(spawnMethod("spawnForeground", implementationClass, initType, init.isPresent())
        .addJavadoc("Spawns a {@link $T} worker running {@code implementation},\n", names.iface)
        .addJavadoc("$L, and connects to it. The result also holds the worker's\n", initDoc)
        .addJavadoc("{@link Process}, whose output the caller can read.\n")
        .returns(ParameterizedTypeName.get(RuntimeNames.FOREGROUND, names.client))
        .addStatement("return $T.spawnForeground(TYPE, implementation, $L, options, $T::new)",
            RuntimeNames.RPC, initArgument, names.client)
        .build());
    type.addMethod(MethodSpec.methodBuilder("connect")
        .addJavadoc("Opens a new connection to a running {@link $T} worker.\n", names.iface)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(names.client)
        .addParameter(ParameterizedTypeName.get(RuntimeNames.WORKER, names.iface), "worker")
        .addStatement("return new $T($T.connect(TYPE, worker))", names.client, RuntimeNames.RPC)
        .build());
    type.addMethod(MethodSpec.methodBuilder("serve")
        .addJavadoc("Runs a {@link $T} worker server for {@code implementation} inside this"
            + " JVM.\n", names.iface)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(RuntimeNames.IN_PROCESS_SERVER, names.iface))
        .addParameter(names.iface, "implementation")
        .addStatement("return $T.serve(TYPE, implementation)", RuntimeNames.RPC)
        .build());
    return type.build();
  }

  private static MethodSpec.Builder spawnMethod(String name, TypeName implementationClass,
      TypeName initType, boolean hasInit) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addParameter(implementationClass, "implementation");
    if (hasInit) {
      method.addParameter(initType, "init");
    }
    return method.addParameter(RuntimeNames.SPAWN_OPTIONS, "options");
  }
}
