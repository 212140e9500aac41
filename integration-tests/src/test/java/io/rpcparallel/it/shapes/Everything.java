package io.rpcparallel.it.shapes;

import io.rpcparallel.Worker;
import io.rpcparallel.it.Color;
import io.rpcparallel.it.TestWorker;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;

/** A value of every supported wire shape, in groups of at most eight (for jqwik's combine). */
public record Everything(Primitives primitives, Boxes boxes, Arrays arrays, RefArrays refArrays,
    Numbers numbers, Times times, Structures structures, Collections collections) {

  public record Primitives(boolean z, byte b, short s, char c, int i, long l, float f,
      double d) {}

  public record Boxes(Boolean z, Byte b, Short s, Character c, Integer i, Long l, Float f,
      Double d) {}

  public record Arrays(byte[] bytes, int[] ints, long[] longs, char[] chars, boolean[] booleans,
      short[] shorts, float[] floats, double[] doubles) {}

  public record RefArrays(String[] strings, Shape[] shapes, int[][] matrix, ByteBuffer buffer) {}

  public record Numbers(String text, BigInteger bigInteger, BigDecimal bigDecimal, UUID uuid,
      OptionalDouble optionalDouble) {}

  public record Times(Instant instant, Duration duration, LocalDate date, LocalDateTime dateTime,
      ZonedDateTime zoned) {}

  public record Structures(Color color, Shape shape, Pair<String, List<Long>> pair, Tree tree,
      Money money, Worker<TestWorker> worker) {}

  public record Collections(List<String> list, Set<Integer> set, SortedSet<String> sortedSet,
      Map<String, Shape> map, SortedMap<Long, List<String>> sortedMap, Optional<Shape> optional,
      OptionalInt optionalInt, OptionalLong optionalLong) {}
}
