package io.rpcparallel.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.rpcparallel.processor.model.AppModel;
import io.rpcparallel.processor.model.WorkerModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The writers' entry point: the classes generated for a worker interface or an application.
 * Each {@link TypeSpec} is top level, in the package of its model's type, and carries
 * {@code @Generated} when {@code withGenerated} is set.
 */
public final class Writers {
  private Writers() {}

  /** {@code XRpc}, {@code XClient}, {@code XAsync}, {@code XDispatcher}, {@code XCodecs}. */
  public static List<TypeSpec> worker(WorkerModel model, boolean withGenerated) {
    WorkerNames names = new WorkerNames(model);
    return List.of(
            RpcWriter.write(names),
            ClientWriter.write(names),
            AsyncWriter.write(names),
            DispatcherWriter.write(names),
            CodecsWriter.write(names))
        .stream()
        .map(spec -> withGenerated
            ? spec.toBuilder().addAnnotation(RuntimeNames.generated()).build()
            : spec)
        .toList();
  }

  /** {@code AppRpcParallelMain}: the routing main of an application. */
  public static TypeSpec app(AppModel model, boolean withGenerated) {
    ClassName app = JavaTypes.className(model.app());
    ClassName main = JavaTypes.className(
        model.app().peer(model.app().flatName() + "RpcParallelMain"));
    TypeSpec.Builder type = TypeSpec.classBuilder(main)
        .addJavadoc("The entry point of {@link $T}: launch the program through this class.\n",
            app)
        .addJavadoc("\n")
        .addJavadoc("<p>Started with the worker command arguments (as rpc-parallel spawns a"
            + " worker), it runs a\n")
        .addJavadoc("worker server and never calls user code; otherwise it calls"
            + " {@link $T#main}.\n", app)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("main")
            .addJavadoc("Becomes a worker when {@code args} are the worker command arguments;"
                + " otherwise runs\n")
            .addJavadoc("{@link $T#main}.\n", app)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(String[].class, "args")
            .addException(Exception.class)
            .addStatement("$T.runApp($T.class, args, $T::main)", RuntimeNames.RPC, main, app)
            .build());
    if (withGenerated) {
      type.addAnnotation(RuntimeNames.generated());
    }
    return type.build();
  }
}
