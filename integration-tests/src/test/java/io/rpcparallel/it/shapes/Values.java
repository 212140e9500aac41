package io.rpcparallel.it.shapes;

import io.rpcparallel.Worker;
import io.rpcparallel.it.Color;
import io.rpcparallel.it.TestWorker;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of {@link Everything}: every shape, with nulls wherever Java allows a
 * reference and empty collections and arrays among the edge cases.
 */
final class Values {
  private Values() {}

  private static final double NULLS = 0.1;

  static Arbitrary<Everything> everything() {
    return Combinators.combine(primitives(), boxes(), arrays(), refArrays(), numbers(), times(),
        structures(), collections()).as(Everything::new).injectNull(0.02);
  }

  static Arbitrary<Everything.Primitives> primitives() {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.bytes(),
        Arbitraries.shorts(), Arbitraries.chars(), Arbitraries.integers(), Arbitraries.longs(),
        Arbitraries.floats().withSpecialValue(Float.NaN).withSpecialValue(-0.0f),
        Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.NEGATIVE_INFINITY))
        .as(Everything.Primitives::new);
  }

  static Arbitrary<Everything.Boxes> boxes() {
    return Combinators.combine(Arbitraries.of(true, false).injectNull(NULLS),
        Arbitraries.bytes().injectNull(NULLS), Arbitraries.shorts().injectNull(NULLS),
        Arbitraries.chars().injectNull(NULLS), Arbitraries.integers().injectNull(NULLS),
        Arbitraries.longs().injectNull(NULLS), Arbitraries.floats().injectNull(NULLS),
        Arbitraries.doubles().injectNull(NULLS)).as(Everything.Boxes::new);
  }

  static Arbitrary<Everything.Arrays> arrays() {
    return Combinators.combine(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300).injectNull(NULLS),
        Arbitraries.integers().array(int[].class).ofMaxSize(8).injectNull(NULLS),
        Arbitraries.longs().array(long[].class).ofMaxSize(8).injectNull(NULLS),
        Arbitraries.chars().array(char[].class).ofMaxSize(8).injectNull(NULLS),
        Arbitraries.of(true, false).array(boolean[].class).ofMaxSize(8).injectNull(NULLS),
        Arbitraries.shorts().array(short[].class).ofMaxSize(8).injectNull(NULLS),
        Arbitraries.floats().array(float[].class).ofMaxSize(8).injectNull(NULLS),
        Arbitraries.doubles().array(double[].class).ofMaxSize(8).injectNull(NULLS))
        .as(Everything.Arrays::new);
  }

  static Arbitrary<Everything.RefArrays> refArrays() {
    return Combinators.combine(
        strings().array(String[].class).ofMaxSize(5).injectNull(NULLS),
        shapes().array(Shape[].class).ofMaxSize(4).injectNull(NULLS),
        Arbitraries.integers().array(int[].class).ofMaxSize(3).injectNull(NULLS)
            .array(int[][].class).ofMaxSize(3).injectNull(NULLS),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(ByteBuffer::wrap)
            .injectNull(NULLS))
        .as(Everything.RefArrays::new);
  }

  static Arbitrary<Everything.Numbers> numbers() {
    Arbitrary<BigInteger> bigIntegers = Arbitraries.bigIntegers()
        .between(BigInteger.TWO.pow(100).negate(), BigInteger.TWO.pow(100));
    return Combinators.combine(strings(), bigIntegers.injectNull(NULLS),
        Combinators.combine(bigIntegers, Arbitraries.integers().between(-40, 40))
            .as(BigDecimal::new).injectNull(NULLS),
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new)
            .injectNull(NULLS),
        Arbitraries.doubles().map(OptionalDouble::of).injectNull(NULLS)
            .edgeCases(e -> e.add(OptionalDouble.empty())))
        .as(Everything.Numbers::new);
  }

  static Arbitrary<Everything.Times> times() {
    Arbitrary<Instant> instants = Combinators.combine(
            Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
    Arbitrary<ZoneId> zones = Arbitraries.of("UTC", "Europe/Paris", "America/New_York",
        "Asia/Kolkata", "Australia/Lord_Howe", "+05:30").map(ZoneId::of);
    Arbitrary<ZonedDateTime> zoned = Combinators.combine(instants, zones).as(ZonedDateTime::ofInstant);
    return Combinators.combine(instants.injectNull(NULLS),
        Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 999_999_999))
            .as(Duration::ofSeconds).injectNull(NULLS),
        zoned.map(z -> z.toLocalDate()).injectNull(NULLS),
        zoned.map(ZonedDateTime::toLocalDateTime).injectNull(NULLS),
        zoned.injectNull(NULLS))
        .as(Everything.Times::new);
  }

  static Arbitrary<Everything.Structures> structures() {
    Arbitrary<Worker<TestWorker>> workers = Combinators.combine(
            Arbitraries.strings().alpha().ofLength(16), Arbitraries.integers().between(1, 65535),
            Arbitraries.strings().alpha().ofMaxLength(6), strings().map(Optional::ofNullable))
        .as((fingerprint, port, id, name) -> new Worker<TestWorker>(
            TestWorker.class.getCanonicalName(), fingerprint, "localhost", port, id, name));
    return Combinators.combine(Arbitraries.of(Color.class).injectNull(NULLS),
        shapes().injectNull(NULLS),
        Combinators.combine(strings(), Arbitraries.longs().injectNull(NULLS).list().ofMaxSize(3)
            .injectNull(NULLS)).as(Pair<String, List<Long>>::new).injectNull(NULLS),
        trees(3).injectNull(NULLS),
        Combinators.combine(Arbitraries.longs(), Arbitraries.of("EUR", "USD", "JPY"))
            .as(Money::new).injectNull(NULLS),
        workers.injectNull(NULLS))
        .as(Everything.Structures::new);
  }

  static Arbitrary<Everything.Collections> collections() {
    return Combinators.combine(
        strings().list().ofMaxSize(4).injectNull(NULLS),
        Arbitraries.integers().injectNull(NULLS).set().ofMaxSize(4).map(LinkedHashSet::new)
            .injectNull(NULLS),
        Arbitraries.strings().alpha().ofMaxLength(5).set().ofMaxSize(4).map(TreeSet::new).injectNull(NULLS),
        Arbitraries.maps(strings(), shapes().injectNull(NULLS)).ofMaxSize(3)
            .map(LinkedHashMap::new).injectNull(NULLS),
        Arbitraries.maps(Arbitraries.longs(), strings().list().ofMaxSize(2).injectNull(NULLS))
            .ofMaxSize(3).map(TreeMap::new).injectNull(NULLS),
        shapes().optional().injectNull(NULLS),
        Arbitraries.integers().map(OptionalInt::of).injectNull(NULLS)
            .edgeCases(e -> e.add(OptionalInt.empty())),
        Arbitraries.longs().optional().map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty()))
            .injectNull(NULLS))
        .as((list, set, sortedSet, map, sortedMap, optional, optionalInt, optionalLong) ->
            new Everything.Collections(list, set, sortedSet, map, sortedMap, optional, optionalInt,
                optionalLong));
  }

  /**
   * Any well-formed string: strings travel as UTF-8, which cannot carry an unpaired surrogate
   * (the encoder writes '?' for one, as {@code String.getBytes(UTF_8)} does).
   */
  static Arbitrary<String> strings() {
    return Arbitraries.strings().all().ofMaxLength(12)
        .filter(s -> s.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
        .injectNull(NULLS);
  }

  static Arbitrary<Shape> shapes() {
    Arbitrary<Shape> leaves = Arbitraries.oneOf(
        Arbitraries.doubles().map(Shape.Circle::new),
        Combinators.combine(Arbitraries.doubles(), Arbitraries.doubles()).as(Shape.Rect::new),
        Arbitraries.of(Shape.Mark.class));
    return Arbitraries.oneOf(leaves, Combinators.combine(strings(),
            leaves.injectNull(NULLS).list().ofMaxSize(3).map(ArrayList::new))
        .as((name, members) -> new Shape.Group(name, members)));
  }

  static Arbitrary<Tree> trees(int depth) {
    Arbitrary<List<Tree>> children = depth == 0
        ? Arbitraries.just(List.<Tree>of()).injectNull(NULLS)
        : trees(depth - 1).injectNull(NULLS).list().ofMaxSize(3).injectNull(NULLS);
    return Combinators.combine(strings(), children).as(Tree::new);
  }

}
