package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.processor.model.MethodKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every function kind (the processor's {@link MethodKind}s) with every {@link ValueShape} of
 * argument, result and stream item, through a real worker, on the client and on its async view.
 * The rows are the product of the two tables, and {@link EveryKind} must have exactly one method
 * per row: a new kind or shape fails here until it has its methods.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EveryKindIT {
  /** How long any one wait may take, on a loaded machine. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Where a call is made: the client (blocking where the kind blocks), or {@code async()}. */
  enum View { CLIENT, ASYNC }

  /** One call shape: a method of {@link EveryKind}, called on one view. */
  record Row(MethodKind kind, ValueShape shape, View view) {
    String method() {
      return methodName(kind, shape);
    }

    @Override public String toString() {
      return method() + " on the " + view.name().toLowerCase(java.util.Locale.ROOT) + " view";
    }
  }

  private EveryKindClient worker;

  static Stream<Row> rows() {
    return Arrays.stream(MethodKind.values()).flatMap(kind -> Arrays.stream(ValueShape.values())
        .flatMap(shape -> Arrays.stream(View.values()).map(view -> new Row(kind, shape, view))));
  }

  /** {@code REVERSE_DIRECT_PIPE} and {@code PRIMITIVE} -> {@code reverseDirectPipePrimitive}. */
  static String methodName(MethodKind kind, ValueShape shape) {
    String[] words = kind.shape().split("-");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.append(shape.suffix()).toString();
  }

  @AfterEach
  void closeWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyKindCarriesEveryShapeBothWays() {
    worker = EveryKindRpc.spawnAndConnect(EveryKindImpl.class,
        SpawnOptions.named("every-kind").withSpawnTimeout(WAIT));
    // A bounded wait per row: a blocking call has no deadline of its own.
    return rows().map(row -> DynamicTest.dynamicTest(row.toString(),
        () -> assertTimeoutPreemptively(WAIT.multipliedBy(2), () -> call(row), row::toString)));
  }

  /** Calls the row's method with each argument of its shape, and checks all that comes back. */
  @SuppressWarnings("unchecked")
  private void call(Row row) throws Throwable {
    Object target = row.view() == View.CLIENT ? worker : worker.async();
    Method method = (row.view() == View.CLIENT ? EveryKind.class : EveryKindAsync.class)
        .getMethod(row.method(), expected(row.kind(), row.shape()).parameters()
            .toArray(Class<?>[]::new));
    List<Object> items = row.shape().items;
    for (List<Object> arguments : row.shape().argumentLists()) {
      Collector<Object> got = Collector.eager();
      List<Object> sent = new ArrayList<>(arguments);
      if (row.kind() == MethodKind.DIRECT_PIPE) {
        sent.add(StreamWriter.to(got));
      } else if (row.kind() == MethodKind.REVERSE_PIPE) {
        sent.add(row.shape().publishItems());
      }
      String what = row + " with " + ValueShape.describe(arguments, null);
      Object returned;
      try {
        returned = invoke(method, target, sent);
        if (row.view() == View.ASYNC || row.kind() == MethodKind.ASYNC) {
          returned = ((CompletableFuture<?>) returned).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (Exception e) {
        throw new AssertionError(what + ": the call failed", e);
      }
      Object answer = ValueShape.answer(arguments);
      // What the caller receives, and which items went to the worker; exhaustive over the kinds.
      List<Object> toWorker = switch (row.kind()) {
        case BLOCKING, ASYNC -> {
          assertSameValue(answer, returned, what);
          yield null;
        }
        case ONE_WAY -> {
          assertNull(returned, what);
          yield null;
        }
        case PIPE -> {
          ((Flow.Publisher<Object>) returned).subscribe(got);
          assertSameItems(items, got.awaitAll(), what);
          yield null;
        }
        case DIRECT_PIPE -> {
          assertNull(returned, what);
          assertSameItems(items, got.awaitAll(), what);
          yield null;
        }
        case REVERSE_PIPE -> {
          assertSameValue(answer, returned, what);
          yield items;
        }
        case REVERSE_DIRECT_PIPE -> {
          StreamWriter<Object> writer = (StreamWriter<Object>) returned;
          for (Object item : items) {
            writer.write(item);
          }
          writer.close();
          yield items;
        }
        case STATE -> {
          StateStream<Object, Object> state = (StateStream<Object, Object>) returned;
          assertSameValue(answer, state.initial(), what);
          state.updates().subscribe(got);
          assertSameItems(items, got.awaitAll(), what);
          yield null;
        }
      };
      assertEquals(ValueShape.describe(arguments, toWorker), worker.received(row.method()),
          () -> what + ": what the worker received");
    }
  }

  @Test
  void theWorkerHasOneMethodPerKindAndShapeAndNoOther() {
    Map<String, Signature> actual = new TreeMap<>();
    for (Method method : EveryKind.class.getMethods()) {
      if (!method.getName().equals("received")) {
        actual.put(method.getName(), Signature.of(method));
      }
    }
    Map<String, Signature> expected = new TreeMap<>();
    for (MethodKind kind : MethodKind.values()) {
      for (ValueShape shape : ValueShape.values()) {
        expected.put(methodName(kind, shape), expected(kind, shape));
      }
    }
    assertEquals(expected.keySet(), actual.keySet(), "the methods of EveryKind");
    assertEquals(expected, actual, "the signatures of EveryKind's methods");
    Set<ValueShape> withNull = Arrays.stream(ValueShape.values())
        .filter(s -> s.values.contains(null)).collect(Collectors.toCollection(TreeSet::new));
    Set<ValueShape> references = Arrays.stream(ValueShape.values())
        .filter(s -> !s.type.isPrimitive()).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(references, withNull, "every shape that may be null is also sent as null");
    for (ValueShape shape : ValueShape.values()) {
      assertTrue(shape.items.size() > 1, shape + " streams more than one item");
    }
  }

  /**
   * What reflection sees of a method: its parameters' and result's classes, and the type
   * arguments of its future or stream.
   */
  record Signature(List<Class<?>> parameters, Class<?> result, List<Class<?>> typeArguments) {
    private static final Set<Class<?>> GENERIC = Set.of(CompletableFuture.class,
        Flow.Publisher.class, StreamWriter.class, StateStream.class);

    static Signature of(Method method) {
      List<Class<?>> typeArguments = new ArrayList<>();
      List<Type> types = new ArrayList<>(Arrays.asList(method.getGenericParameterTypes()));
      types.add(method.getGenericReturnType());
      for (Type type : types) {
        if (type instanceof ParameterizedType p && GENERIC.contains(raw(p))) {
          Arrays.stream(p.getActualTypeArguments()).map(Signature::raw).forEach(typeArguments::add);
        }
      }
      return new Signature(List.of(method.getParameterTypes()), method.getReturnType(),
          typeArguments);
    }

    private static Class<?> raw(Type type) {
      return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
  }

  /** The signature of a kind of method whose argument, result and items have a shape. */
  static Signature expected(MethodKind kind, ValueShape shape) {
    boolean none = shape == ValueShape.VOID;
    List<Class<?>> arguments = none ? List.of() : List.of(shape.type);
    Class<?> item = shape.boxed;
    return switch (kind) {
      case BLOCKING -> new Signature(arguments, shape.type, List.of());
      case ASYNC -> new Signature(arguments, CompletableFuture.class,
          List.of(none ? Void.class : shape.boxed));
      case ONE_WAY -> new Signature(arguments, void.class, List.of());
      case PIPE -> new Signature(arguments, Flow.Publisher.class, List.of(item));
      case DIRECT_PIPE -> new Signature(with(arguments, StreamWriter.class), void.class,
          List.of(item));
      case REVERSE_PIPE -> new Signature(with(arguments, Flow.Publisher.class), shape.type,
          List.of(item));
      case REVERSE_DIRECT_PIPE -> new Signature(arguments, StreamWriter.class, List.of(item));
      case STATE -> new Signature(arguments, StateStream.class, List.of(item, item));
    };
  }

  private static List<Class<?>> with(List<Class<?>> arguments, Class<?> last) {
    List<Class<?>> all = new ArrayList<>(arguments);
    all.add(last);
    return all;
  }

  private static Object invoke(Method method, Object target, List<Object> arguments)
      throws Throwable {
    try {
      return method.invoke(target, arguments.toArray());
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Equal, arrays by content, and of the same class (a {@code Long} is no {@code Integer}). */
  private static void assertSameValue(Object expected, Object actual, String what) {
    assertTrue(Arrays.deepEquals(new Object[] {expected}, new Object[] {actual}),
        () -> what + ": expected " + ValueShape.describe(Arrays.asList(expected), null)
            + " but got " + ValueShape.describe(Arrays.asList(actual), null));
  }

  private static void assertSameItems(List<Object> expected, List<Object> actual, String what) {
    assertTrue(Arrays.deepEquals(expected.toArray(), actual.toArray()),
        () -> what + ": expected items " + ValueShape.describe(List.of(), expected)
            + " but got " + ValueShape.describe(List.of(), actual));
  }
}
