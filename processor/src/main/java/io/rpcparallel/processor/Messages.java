package io.rpcparallel.processor;

import io.rpcparallel.processor.model.RuntimeTypes;

/**
 * Every error the processor reports. Each says what is wrong and how to fix it. Messages with
 * {@code %s} are {@link String#format} patterns; tests format them the same way.
 */
public final class Messages {
  private Messages() {}

  /** {@code @RpcWorker} on something that is not an interface. Arg: the type's kind. */
  public static final String WORKER_NOT_INTERFACE =
      "@RpcWorker must be placed on an interface, not on %s; declare the worker methods in an"
          + " interface and annotate that";

  /** A worker interface with type parameters. */
  public static final String WORKER_GENERIC =
      "@RpcWorker interfaces cannot have type parameters; remove them and use concrete wire"
          + " types in the methods";

  /** A worker interface that extends other interfaces. */
  public static final String WORKER_EXTENDS =
      "@RpcWorker interfaces cannot extend other interfaces; declare every worker method in the"
          + " annotated interface itself";

  /** A worker interface the generated classes of its package cannot see. */
  public static final String WORKER_NOT_VISIBLE =
      "@RpcWorker interfaces must be visible from their package; remove the 'private' modifier";

  /** A worker method with type parameters. */
  public static final String METHOD_GENERIC =
      "worker methods cannot have type parameters; remove them and use concrete wire types";

  /** Two methods with the same wire id. Args: this method, the first method. */
  public static final String DUPLICATE_ID =
      "%s has the same wire id as %s; give one of them a different @RpcName";

  /** {@code @RpcName("")}. */
  public static final String EMPTY_RPC_NAME =
      "@RpcName must not be empty; give the method a wire name, or remove @RpcName to use the"
          + " method's own name";

  /** {@code @OneWay} on a method that returns a value. Arg: the return type. */
  public static final String ONE_WAY_NOT_VOID =
      "a @OneWay method must return void, not %s; make it void, or remove @OneWay to get a reply";

  /** A method that clashes with a member of the generated client. Arg: the method name. */
  public static final String CLIENT_MEMBER_CLASH =
      "a worker method cannot be called %s() with no parameters: the generated client has its"
          + " own %<s(); rename the method (keep its wire name with @RpcName(\"%<s\"))";

  /** A stream parameter that is not the last. Arg: the parameter's type. */
  public static final String STREAM_PARAMETER_NOT_LAST =
      "a stream parameter (%s) must be the last parameter of a worker method; move it to the end"
          + " (a method carries at most one stream)";

  /** A direct pipe that returns a value. Arg: the return type. */
  public static final String DIRECT_PIPE_NOT_VOID =
      "a method taking a StreamWriter (a direct pipe) must return void, not %s; the worker"
          + " writes its items to the writer, also after it returns";

  /** A reverse pipe returning a future or a stream. Arg: the return type. */
  public static final String REVERSE_PIPE_RESULT =
      "a method taking a Flow.Publisher (a reverse pipe) must return a wire type or void, not %s;"
          + " the caller waits for the worker's one answer";

  /** {@code @OneWay} on a method that takes a stream. */
  public static final String ONE_WAY_STREAM =
      "a @OneWay method cannot carry a stream; remove @OneWay";

  /** {@code @OnEventLoop} on a streaming method. */
  public static final String ON_EVENT_LOOP_STREAM =
      "a streaming method cannot run on the event loop: its stream waits for credits that the"
          + " event loop reads; remove @OnEventLoop";

  /**
   * {@code @OnEventLoop} on an interface that declares a streaming method. Arg: the interface's
   * name.
   */
  public static final String ON_EVENT_LOOP_INTERFACE_STREAM =
      "a streaming method cannot run on the event loop (@OnEventLoop on %s): its stream waits for"
          + " credits that the event loop reads; put @OnEventLoop on the interface's other methods"
          + " instead";

  /**
   * A type that cannot travel over the wire. Args: where (e.g. {@code parameter 'job' of
   * Counter.submit}), the path to the bad type ({@code Job.lock}), the bad type, the fix (one of
   * the {@code FIX_} constants).
   */
  public static final String UNSUPPORTED_TYPE = "%s: %s (%s) cannot travel over the wire; %s";

  /**
   * An array whose element type cannot travel. Args: where, the path to the array, the element
   * type, the fix.
   */
  public static final String UNSUPPORTED_ARRAY_ELEMENT =
      "%s: %s is an array of %s, which cannot travel over the wire; %s";

  /**
   * A sealed interface that permits a subtype that is neither a record, an enum nor a sealed
   * interface. Args: where, the path, the sealed interface, the subtype.
   */
  public static final String SEALED_BAD_SUBTYPE =
      "%s: %s (%s) cannot travel over the wire: it permits %s, which is neither a record nor an"
          + " enum; make every permitted subtype a (non-generic) record, an enum or a sealed"
          + " interface of them, or give %3$s an @RpcCodec(YourCodec.class)";

  /**
   * A generic record that refers to itself with other type arguments, so that it would need
   * infinitely many codecs. Args: where, the path, the record, the inner reference.
   */
  public static final String CYCLE =
      "%s: %s (%s) cannot travel over the wire: it refers to itself as %s, with other type"
          + " arguments, so its codec would never end; refer to it with the same type arguments,"
          + " or give it an @RpcCodec(YourCodec.class)";

  /**
   * An {@code @RpcCodec} class that does not implement {@code Codec<T>} for the type. Args:
   * where, the path, the type, the codec class.
   */
  public static final String CODEC_NOT_A_CODEC =
      "%s: %s (%s) has @RpcCodec(%s), which does not implement "
          + RuntimeTypes.CODEC.canonicalName() + "<%3$s>; implement Codec for exactly this type";

  /**
   * An {@code @RpcCodec} class generated code cannot get an instance of. Args: where, the path,
   * the type, the codec class.
   */
  public static final String CODEC_NO_INSTANCE =
      "%s: %s (%s) has @RpcCodec(%s), which generated code cannot instantiate; make it a"
          + " public, non-abstract class with a public no-argument constructor, or give it a"
          + " 'public static final' INSTANCE field";

  /** The fix for a type that is not a wire type at all. */
  public static final String FIX_NOT_WIRE =
      "make it a record, an enum or a sealed interface of records and enums, use a supported"
          + " type (see Wire types in the README), or give it an @RpcCodec(YourCodec.class)";

  /** The fix for an interface that is not sealed. */
  public static final String FIX_NOT_SEALED =
      "make it a sealed interface whose permitted subtypes are records or enums, or give it an"
          + " @RpcCodec(YourCodec.class)";

  /** The fix for an array of a parameterized type. */
  public static final String FIX_GENERIC_ARRAY =
      "use a List instead: Java cannot create arrays of a parameterized type";

  /** The fix for a sorted set element or sorted map key that is not Comparable. */
  public static final String FIX_NOT_COMPARABLE =
      "sorted sets and maps are rebuilt in their natural order, so make it Comparable, or use a"
          + " Set or Map instead";

  /** The fix for a generic sealed interface. */
  public static final String FIX_GENERIC_SEALED =
      "remove the sealed interface's type parameters (generic sealed interfaces are not"
          + " supported), or give it an @RpcCodec(YourCodec.class)";

  /** The fix for {@code @RpcCodec} on a generic type. */
  public static final String FIX_GENERIC_CODEC =
      "@RpcCodec works on non-generic types only; wrap the value in a record, or give the"
          + " codec a non-generic type";

  /** The fix for a {@code Worker<X>} whose X is not a worker interface. */
  public static final String FIX_WORKER_TYPE =
      "give Worker the worker interface as its type argument: Worker<MyWorker>";

  /** The fix for a wildcard type argument. */
  public static final String FIX_WILDCARD = "replace the wildcard with a concrete type argument";

  /** The fix for a raw type. */
  public static final String FIX_RAW = "give it its type arguments";

  /** The fix for a type variable. */
  public static final String FIX_TYPE_VARIABLE = "use a concrete type instead of a type variable";

  /** The fix for a record, enum, sealed interface or codec that generated code cannot see. */
  public static final String FIX_NOT_VISIBLE =
      "make it (and every type it is nested in) public, or move it to the worker's package";

  /** The fix for a future type other than {@code CompletableFuture}. */
  public static final String FIX_FUTURE =
      "return CompletableFuture<T> for an asynchronous method, or T to block";

  /** Where: a method parameter. Args: parameter, interface, method. */
  public static final String WHERE_PARAMETER = "parameter '%s' of %s.%s";

  /** Where: a method's result. Args: interface, method. */
  public static final String WHERE_RESULT = "result of %s.%s";

  /** Where: the init type. Arg: interface. */
  public static final String WHERE_INIT = "init type of @RpcWorker %s";

  /** Where: the connect argument type. Arg: interface. */
  public static final String WHERE_CONNECT_ARG = "connectArg type of @RpcWorker %s";

  /** {@code @RpcParallelApp} on a class without {@code main}. Arg: the class. */
  public static final String APP_WITHOUT_MAIN =
      "@RpcParallelApp class %s has no 'public static void main(String[] args)'; add one, or"
          + " move @RpcParallelApp to the class that has it";

  /** {@code @RpcParallelApp} on a class the generated main cannot see. */
  public static final String APP_NOT_VISIBLE =
      "@RpcParallelApp classes must be visible from their package; remove the 'private' modifier";

  /** A type that did not exist by the last round. Args: the annotated type, the missing type. */
  public static final String UNRESOLVED_TYPE =
      "could not generate rpc-parallel code for %s: it uses %s, which does not exist or cannot"
          + " be used here; check the imports, or that the processor generating it runs";

  /** An exception inside the processor. Args: what was processed, the stack trace. */
  public static final String INTERNAL_ERROR =
      "rpc-parallel processor failed on %s; please report this bug:%n%s";
}
