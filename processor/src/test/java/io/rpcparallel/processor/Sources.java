package io.rpcparallel.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test sources and the compiler that runs the processor on them. */
final class Sources {
  private Sources() {}

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(sources));
  }

  static Compilation compile(List<JavaFileObject> sources) {
    return compile(new RpcParallelProcessor(), sources);
  }

  static Compilation compile(javax.annotation.processing.Processor processor,
      List<JavaFileObject> sources) {
    return Compiler.javac()
        .withProcessors(processor)
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
  }

  /** The streaming worker of the golden test: every kind of stream. */
  static JavaFileObject feed() {
    return source("demo.Feed", """
        package demo;

        import io.rpcparallel.StateStream;
        import io.rpcparallel.StreamWriter;
        import io.rpcparallel.annotations.RpcWorker;
        import java.util.List;
        import java.util.concurrent.Flow;

        @RpcWorker(connectArg = Feed.Session.class)
        public interface Feed {
          record Session(String user, List<String> topics) {}

          Flow.Publisher<Long> count(long upTo);

          void ticks(String label, int every, StreamWriter<List<String>> out);

          long sum(String label, Flow.Publisher<Long> numbers);

          void drain(Flow.Publisher<Priority> items);

          StreamWriter<String> sink(String name);

          StateStream<Long, String> watch();
        }
        """);
  }

  /** The representative worker of the golden test: every kind of method and wire type. */
  static List<JavaFileObject> counter() {
    return List.of(
        source("demo.Counter", """
            package demo;

            import io.rpcparallel.annotations.OnEventLoop;
            import io.rpcparallel.annotations.OneWay;
            import io.rpcparallel.annotations.RpcName;
            import io.rpcparallel.annotations.RpcWorker;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.concurrent.CompletableFuture;

            @RpcWorker(init = CounterConfig.class)
            public interface Counter {
              long add(long delta);

              long add(long delta, int times);

              Job submit(Job job, Priority priority) throws java.io.IOException;

              CompletableFuture<Stats> stats(Optional<Priority> filter);

              CompletableFuture<Void> reset();

              @OneWay
              @OnEventLoop
              void log(String line);

              Map<String, List<Long>> histogram(List<Job> jobs, byte[] payload);

              @RpcName("ping-v1")
              @OnEventLoop
              boolean ping(Integer attempt);

              void clear();

              default String describe() {
                return "a counter";
              }

              static Counter unused() {
                return null;
              }
            }
            """),
        source("demo.CounterConfig", """
            package demo;

            public record CounterConfig(String name, int start) {}
            """),
        source("demo.Priority", """
            package demo;

            public enum Priority { LOW, NORMAL, HIGH }
            """),
        source("demo.Job", """
            package demo;

            import java.util.List;
            import java.util.Optional;

            public record Job(long id, String name, Priority priority, List<Job> children,
                Optional<Job.Owner> owner) {
              public record Owner(String user, char initial, Boolean admin) {}
            }
            """),
        source("demo.Stats", """
            package demo;

            import java.util.Map;

            public record Stats(Map<Priority, Long> countsByPriority, double mean, byte[] raw) {}
            """));
  }

  /**
   * The second representative worker: every wire shape issue 3 added (sealed unions, generic
   * and recursive records, every collection, arrays, JDK value types, worker handles and
   * {@code @RpcCodec} on a type and on a parameter and result).
   */
  static List<JavaFileObject> library() {
    return List.of(
        source("demo.Library", """
            package demo;

            import io.rpcparallel.Worker;
            import io.rpcparallel.annotations.RpcCodec;
            import io.rpcparallel.annotations.RpcWorker;
            import java.math.BigDecimal;
            import java.math.BigInteger;
            import java.nio.ByteBuffer;
            import java.time.*;
            import java.util.*;

            @RpcWorker
            public interface Library {
              Shelf shelve(Shelf shelf, Worker<Library> peer);

              SortedMap<String, Set<UUID>> index(SortedSet<String> titles, int[] counts,
                  Book[] books, long[][] grid);

              Optional<Instant> due(OptionalInt days, Duration loan, LocalDate from,
                  LocalDateTime at, ZonedDateTime zoned);

              BigDecimal fine(BigInteger cents, ByteBuffer receipt, OptionalLong l,
                  OptionalDouble d, Money money);

              @RpcCodec(IsbnCodec.class)
              Isbn parse(@RpcCodec(IsbnCodec.class) Isbn isbn);
            }
            """),
        source("demo.Shelf", """
            package demo;

            import java.util.List;

            public record Shelf(String label, List<Item> items, Pair<String, Long> tag, Shelf next,
                char[] code) {}
            """),
        source("demo.Item", """
            package demo;

            public sealed interface Item permits Book, Item.Magazine, Item.Kind {
              record Magazine(String title, int issue) implements Item {}

              enum Kind implements Item { MAP, SCORE }
            }
            """),
        source("demo.Book", """
            package demo;

            public record Book(String title, java.util.Set<String> authors) implements Item {}
            """),
        source("demo.Pair", """
            package demo;

            public record Pair<A, B>(A first, B second) {}
            """),
        source("demo.Isbn", """
            package demo;

            public final class Isbn {
              final String digits;

              public Isbn(String digits) {
                this.digits = digits;
              }
            }
            """),
        source("demo.IsbnCodec", """
            package demo;

            import io.rpcparallel.Codec;
            import io.rpcparallel.WireInput;
            import io.rpcparallel.WireOutput;

            public final class IsbnCodec implements Codec<Isbn> {
              @Override public void encode(WireOutput out, Isbn value) {
                if (out.writeNotNull(value)) out.writeString(value.digits);
              }

              @Override public Isbn decode(WireInput in) {
                return in.readNotNull() ? new Isbn(in.readString()) : null;
              }
            }
            """),
        source("demo.Money", """
            package demo;

            import io.rpcparallel.WireInput;
            import io.rpcparallel.WireOutput;
            import io.rpcparallel.annotations.RpcCodec;

            @RpcCodec(Money.Codec.class)
            public record Money(long cents) {
              public enum Codec implements io.rpcparallel.Codec<Money> {
                INSTANCE;

                @Override public void encode(WireOutput out, Money value) {
                  if (out.writeNotNull(value)) out.writeLong(value.cents());
                }

                @Override public Money decode(WireInput in) {
                  return in.readNotNull() ? new Money(in.readLong()) : null;
                }
              }
            }
            """));
  }
}
