package io.rpcparallel.processor;

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

  /**
   * A type that cannot travel over the wire. Args: where (e.g. {@code parameter 'job' of
   * Counter.submit}), the path to the bad type ({@code Job.lock}), the bad type, the fix (one of
   * the {@code FIX_} constants).
   */
  public static final String UNSUPPORTED_TYPE = "%s: %s (%s) cannot travel over the wire; %s";

  /** The fix for a type that is not a wire type at all. */
  public static final String FIX_NOT_WIRE =
      "make it a record, an enum or a supported type (a primitive or its box, String, byte[],"
          + " List, Map or Optional of these)";

  /** The fix for an array other than {@code byte[]}. */
  public static final String FIX_ARRAY = "use a List instead (byte[] is the only array supported)";

  /** The fix for {@code Set}. */
  public static final String FIX_SET = "use a List instead (Set is not supported yet)";

  /** The fix for a wildcard type argument. */
  public static final String FIX_WILDCARD = "replace the wildcard with a concrete type argument";

  /** The fix for a raw type. */
  public static final String FIX_RAW = "give it its type arguments";

  /** The fix for a type variable. */
  public static final String FIX_TYPE_VARIABLE = "use a concrete type instead of a type variable";

  /** The fix for a generic record. */
  public static final String FIX_GENERIC_RECORD =
      "remove the record's type parameters (generic records are not supported yet)";

  /** The fix for a record or enum that generated code cannot see. */
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
