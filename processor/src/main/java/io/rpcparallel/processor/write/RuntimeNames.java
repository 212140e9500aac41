package io.rpcparallel.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/**
 * The runtime types generated code refers to. The processor does not depend on the runtime, so
 * they are named here rather than imported.
 */
final class RuntimeNames {
  private RuntimeNames() {}

  private static final String API = "io.rpcparallel";
  private static final String GEN = "io.rpcparallel.internal.gen";

  static final ClassName CODEC = ClassName.get(API, "Codec");
  static final ClassName CODECS = ClassName.get(API, "Codecs");
  static final ClassName WIRE_INPUT = ClassName.get(API, "WireInput");
  static final ClassName WIRE_OUTPUT = ClassName.get(API, "WireOutput");
  static final ClassName WORKER = ClassName.get(API, "Worker");
  static final ClassName WIRE_FORMAT_EXCEPTION = ClassName.get(API, "WireFormatException");
  static final ClassName SPAWN_OPTIONS = ClassName.get(API, "SpawnOptions");
  static final ClassName FOREGROUND = ClassName.get(API, "Foreground");
  static final ClassName IN_PROCESS_SERVER = ClassName.get(API, "InProcessServer");
  static final ClassName WORKER_CONTROL = ClassName.get(API, "WorkerControl");
  static final ClassName RPC_CLIENT = ClassName.get(API, "RpcClient");
  static final ClassName CONNECTION_STATE_FACTORY = ClassName.get(API, "ConnectionStateFactory");
  static final ClassName STREAM_WRITER = ClassName.get(API, "StreamWriter");
  static final ClassName STATE_STREAM = ClassName.get(API, "StateStream");
  static final ClassName STREAM_CALL = ClassName.get(GEN, "StreamCall");
  static final ClassName FLOW_PUBLISHER = ClassName.get("java.util.concurrent", "Flow", "Publisher");

  static final ClassName WORKER_TYPE = ClassName.get(GEN, "WorkerType");
  static final ClassName DISPATCHER = ClassName.get(GEN, "Dispatcher");
  static final ClassName RESPONDER = ClassName.get(GEN, "Responder");
  static final ClassName RPC_CONNECTION = ClassName.get(GEN, "RpcConnection");
  static final ClassName RPC = ClassName.get("io.rpcparallel.internal.app", "Rpc");

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
