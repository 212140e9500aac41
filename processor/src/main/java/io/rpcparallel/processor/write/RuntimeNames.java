package io.rpcparallel.processor.write;

import static io.rpcparallel.processor.write.JavaTypes.className;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import io.rpcparallel.processor.model.RuntimeTypes;

/**
 * The names generated code refers to: the runtime's types, as {@link RuntimeTypes} names them,
 * and the JDK's.
 */
final class RuntimeNames {
  private RuntimeNames() {}

  static final ClassName CODEC = className(RuntimeTypes.CODEC);
  static final ClassName CODECS = className(RuntimeTypes.CODECS);
  static final ClassName WIRE_INPUT = className(RuntimeTypes.WIRE_INPUT);
  static final ClassName WIRE_OUTPUT = className(RuntimeTypes.WIRE_OUTPUT);
  static final ClassName WORKER = className(RuntimeTypes.WORKER);
  static final ClassName WIRE_FORMAT_EXCEPTION = className(RuntimeTypes.WIRE_FORMAT_EXCEPTION);
  static final ClassName SPAWN_OPTIONS = className(RuntimeTypes.SPAWN_OPTIONS);
  static final ClassName FOREGROUND = className(RuntimeTypes.FOREGROUND);
  static final ClassName IN_PROCESS_SERVER = className(RuntimeTypes.IN_PROCESS_SERVER);
  static final ClassName WORKER_CONTROL = className(RuntimeTypes.WORKER_CONTROL);
  static final ClassName RPC_CLIENT = className(RuntimeTypes.RPC_CLIENT);
  static final ClassName CONNECTION_STATE_FACTORY =
      className(RuntimeTypes.CONNECTION_STATE_FACTORY);
  static final ClassName STREAM_WRITER = className(RuntimeTypes.STREAM_WRITER);
  static final ClassName STATE_STREAM = className(RuntimeTypes.STATE_STREAM);
  static final ClassName WORKER_TYPE = className(RuntimeTypes.WORKER_TYPE);
  static final ClassName DISPATCHER = className(RuntimeTypes.DISPATCHER);
  static final ClassName RESPONDER = className(RuntimeTypes.RESPONDER);
  static final ClassName RPC_CONNECTION = className(RuntimeTypes.RPC_CONNECTION);
  static final ClassName STREAM_CALL = className(RuntimeTypes.STREAM_CALL);
  static final ClassName RPC = className(RuntimeTypes.RPC);

  static final ClassName FLOW_PUBLISHER =
      ClassName.get("java.util.concurrent", "Flow", "Publisher");
  static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

  /** The processor's name, as {@code @Generated} gives it. */
  static final String PROCESSOR = "io.rpcparallel.processor.RpcParallelProcessor";

  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");

  /** {@code @Generated("...RpcParallelProcessor")}, with no date so that output is stable. */
  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }
}
