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
              void log(String line);

              Map<String, List<Long>> histogram(List<Job> jobs, byte[] payload);

              @RpcName("ping-v1")
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
}
