package io.rpcparallel.it;

import io.rpcparallel.it.shapes.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shapes of value {@link EveryKindIT} sends through every function kind: the argument and
 * result of a method, and the items of its stream. {@link EveryKind} has one method per kind and
 * shape, named {@code <kind><Shape>}.
 *
 * <p>A method of shape S takes an S and answers with it wherever its kind has a result; where Java
 * needs a reference type (a future's value, a state, a stream item) it uses S boxed. {@link #VOID}
 * is "nothing": no argument, and no result ({@code void}, {@code CompletableFuture<Void>}, a
 * {@code null} state); its stream items are longs. Every reference shape sends {@code null} too,
 * except as a stream item, which {@code Flow} forbids.
 */
enum ValueShape {
  PRIMITIVE(long.class, Long.class, List.of(0L, -1L, Long.MIN_VALUE), List.of(1L, 2L, 3L)),
  BOXED(Long.class, Long.class, nullable(7L), List.of(4L, 5L)),
  VOID(void.class, Long.class, List.of(), List.of(6L, 7L)),
  RECORD(EveryKind.Item.class, EveryKind.Item.class, nullable(new EveryKind.Item(1, "one")),
      List.of(new EveryKind.Item(2, "two"), new EveryKind.Item(3, "three"))),
  SEALED(Shape.class, Shape.class,
      nullable(new Shape.Circle(1.5), Shape.Mark.CROSS,
          new Shape.Group("g", List.of(new Shape.Rect(2, 3), Shape.Mark.NOUGHT))),
      List.of(new Shape.Circle(2), Shape.Mark.NOUGHT)),
  COLLECTION(List.class, List.class, nullable(List.of("a", "b"), List.of()),
      List.of(List.of("x"), List.of())),
  ARRAY(long[].class, long[].class, nullable(new long[] {1, Long.MAX_VALUE}, new long[0]),
      List.of(new long[] {3}, new long[0])),
  OPTIONAL(Optional.class, Optional.class, nullable(Optional.of("x"), Optional.empty()),
      List.of(Optional.of("y"), Optional.empty()));

  /** The type of the argument and the result; {@code void} for none. */
  final Class<?> type;
  /** The type where Java needs a reference type: futures, states and stream items. */
  final Class<?> boxed;
  /** The arguments sent, each answered with itself; none for {@link #VOID}. */
  final List<Object> values;
  /** The items of a stream, either way. */
  final List<Object> items;

  ValueShape(Class<?> type, Class<?> boxed, List<Object> values, List<Object> items) {
    this.type = type;
    this.boxed = boxed;
    this.values = Collections.unmodifiableList(new ArrayList<>(values)); // with null
    this.items = List.copyOf(items);
  }

  /** The argument lists a method of this shape is called with: one per value, or one empty. */
  List<List<Object>> argumentLists() {
    return this == VOID ? List.of(List.of())
        : values.stream().map(Collections::singletonList).toList();
  }

  /** What a method of this shape answers to {@code arguments}: its one argument, or null. */
  static Object answer(List<Object> arguments) {
    return arguments.isEmpty() ? null : arguments.get(0);
  }

  /** A cold publisher of the items, each made on demand. */
  @SuppressWarnings("unchecked")
  <T> Flow.Publisher<T> publishItems() {
    List<T> all = (List<T>) items;
    return new CountingPublisher<>(0, all.size(), i -> all.get((int) i), new AtomicLong());
  }

  /** {@code PRIMITIVE} -> {@code Primitive}: the end of the names of its methods. */
  String suffix() {
    return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  /** The shape of a method of {@link EveryKind}, from the end of its name. */
  static ValueShape ofMethod(String method) {
    return Arrays.stream(values()).filter(s -> method.endsWith(s.suffix())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no shape ends " + method));
  }

  /** What a worker received, as text both sides build the same way (arrays by content). */
  static String describe(List<?> arguments, List<?> items) {
    List<Object> all = new ArrayList<>(arguments);
    if (items != null) {
      all.add(items.toArray());
    }
    return Arrays.deepToString(all.toArray());
  }

  private static List<Object> nullable(Object... values) {
    List<Object> all = new ArrayList<>(Arrays.asList(values));
    all.add(null);
    return all;
  }
}
