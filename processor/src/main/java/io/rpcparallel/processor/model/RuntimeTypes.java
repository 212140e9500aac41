package io.rpcparallel.processor.model;

/**
 * Every runtime type the processor refers to: the validators recognise them in users'
 * interfaces, the writers name them in generated code. The processor does not depend on the
 * runtime, so they are named here, once, rather than imported; a runtime type that moves is a
 * one-line change.
 */
public final class RuntimeTypes {
  private RuntimeTypes() {}

  private static final String API = "io.rpcparallel";
  private static final String GEN = "io.rpcparallel.internal.gen";

  // The public API: what users' interfaces and the generated public signatures name.

  /** {@code Codec<T>}: a type's wire codec; an {@code @RpcCodec} class implements it. */
  public static final QualifiedName CODEC = QualifiedName.of(API, "Codec");
  /** {@code Codecs}: the codecs of the standard wire types, and their combinators. */
  public static final QualifiedName CODECS = QualifiedName.of(API, "Codecs");
  /** {@code WireInput}: what codecs read from. */
  public static final QualifiedName WIRE_INPUT = QualifiedName.of(API, "WireInput");
  /** {@code WireOutput}: what codecs write to. */
  public static final QualifiedName WIRE_OUTPUT = QualifiedName.of(API, "WireOutput");
  /** {@code WireFormatException}: bytes that do not decode. */
  public static final QualifiedName WIRE_FORMAT_EXCEPTION =
      QualifiedName.of(API, "WireFormatException");
  /** {@code Worker<X>}: a worker's handle, itself a wire type. */
  public static final QualifiedName WORKER = QualifiedName.of(API, "Worker");
  /** {@code SpawnOptions}: how {@code XRpc} spawns a worker. */
  public static final QualifiedName SPAWN_OPTIONS = QualifiedName.of(API, "SpawnOptions");
  /** {@code Foreground<C>}: a client and its worker's process. */
  public static final QualifiedName FOREGROUND = QualifiedName.of(API, "Foreground");
  /** {@code InProcessServer<X>}: a worker server inside the caller's JVM. */
  public static final QualifiedName IN_PROCESS_SERVER = QualifiedName.of(API, "InProcessServer");
  /** {@code WorkerControl}: a worker's built-ins. */
  public static final QualifiedName WORKER_CONTROL = QualifiedName.of(API, "WorkerControl");
  /** {@code RpcClient}: what every generated client implements. */
  public static final QualifiedName RPC_CLIENT = QualifiedName.of(API, "RpcClient");
  /** {@code ConnectionStateFactory}: builds a connection's state from its connect argument. */
  public static final QualifiedName CONNECTION_STATE_FACTORY =
      QualifiedName.of(API, "ConnectionStateFactory");
  /** {@code StreamWriter<T>}: a stream parameter or result the worker or caller writes to. */
  public static final QualifiedName STREAM_WRITER = QualifiedName.of(API, "StreamWriter");
  /** {@code StateStream<S, U>}: a state method's result. */
  public static final QualifiedName STATE_STREAM = QualifiedName.of(API, "StateStream");

  // The SPI that generated code implements and calls; users never name these.

  /** {@code WorkerType<X, I>}: what the runtime knows of a worker interface. */
  public static final QualifiedName WORKER_TYPE = QualifiedName.of(GEN, "WorkerType");
  /** {@code Dispatcher}: the worker side of an interface. */
  public static final QualifiedName DISPATCHER = QualifiedName.of(GEN, "Dispatcher");
  /** {@code Responder}: how a dispatcher answers one call. */
  public static final QualifiedName RESPONDER = QualifiedName.of(GEN, "Responder");
  /** {@code RpcConnection}: the caller side of a connection, as a client uses it. */
  public static final QualifiedName RPC_CONNECTION = QualifiedName.of(GEN, "RpcConnection");
  /** {@code StreamCall}: the worker side of one streaming call. */
  public static final QualifiedName STREAM_CALL = QualifiedName.of(GEN, "StreamCall");
  /** {@code Rpc}: the runtime's entry points for {@code XRpc}. */
  public static final QualifiedName RPC = QualifiedName.of("io.rpcparallel.internal.app", "Rpc");
}
