package io.rpcparallel.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rpcparallel.processor.Sources.compile;
import static io.rpcparallel.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One tiny source per error: the message, the file and the line it points at. */
class ErrorsTest {
  private static final String IMPORTS = """
      package demo;

      import io.rpcparallel.annotations.*;
      import java.util.*;
      import java.util.concurrent.CompletableFuture;

      """;

  private static JavaFileObject worker(String name, String body) {
    return source("demo." + name, IMPORTS + body);
  }

  /** Compiles, and checks that the processor generated no file: an error means no code. */
  private static Compilation compileGeneratingNothing(JavaFileObject... sources) {
    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = Sources.compile(processor, List.of(sources));
    assertThat(processor.createdSources).isEmpty();
    return compilation;
  }

  @Test
  void workerOnAClass() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public class Counter {}
        """);
    Compilation compilation = compileGeneratingNothing(source);
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.WORKER_NOT_INTERFACE, "a class"))
        .inFile(source).onLineContaining("public class Counter");
  }

  @Test
  void workerOnARecord() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public record Counter(long value) {}
        """);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.WORKER_NOT_INTERFACE, "a record"))
        .inFile(source).onLineContaining("public record Counter");
  }

  @Test
  void genericWorker() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter<T> {
          long add(long delta);
        }
        """);
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining(Messages.WORKER_GENERIC)
        .inFile(source).onLineContaining("interface Counter<T>");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void workerExtendingAnInterface() {
    JavaFileObject source = worker("Counter", """
        interface Base {
          long get();
        }

        @RpcWorker
        public interface Counter extends Base {
          long add(long delta);
        }
        """);
    assertThat(compile(source)).hadErrorContaining(Messages.WORKER_EXTENDS)
        .inFile(source).onLineContaining("interface Counter extends Base");
  }

  @Test
  void duplicateWireId() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          @RpcName("add")
          long plus(long delta);

          @RpcName("add")
          long increment(long delta);
        }
        """);
    Compilation compilation = compileGeneratingNothing(source);
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.DUPLICATE_ID,
            "Counter.increment(long)", "Counter.plus(long)"))
        .inFile(source).onLineContaining("long increment(long delta)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void emptyRpcName() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          @RpcName("")
          long add(long delta);
        }
        """);
    assertThat(compile(source)).hadErrorContaining(Messages.EMPTY_RPC_NAME)
        .inFile(source).onLineContaining("@RpcName(\"\")");
  }

  @Test
  void oneWayReturningAValue() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          @OneWay
          long add(long delta);
        }
        """);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.ONE_WAY_NOT_VOID, "long"))
        .inFile(source).onLineContaining("long add(long delta)");
  }

  @Test
  void unsupportedParameterThroughARecordComponent() {
    JavaFileObject job = source("demo.Job", """
        package demo;

        public record Job(String name, java.util.concurrent.locks.Lock lock) {}
        """);
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          void submit(Job job);
        }
        """);
    Compilation compilation = compileGeneratingNothing(source, job);
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "parameter 'job' of Counter.submit", "Job.lock", "java.util.concurrent.locks.Lock",
            Messages.FIX_NOT_SEALED))
        .inFile(source).onLineContaining("void submit(Job job)");
  }

  @Test
  void unsupportedParameterThroughTypeArguments() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          void start(Map<String, List<Thread>> threads);
        }
        """);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "parameter 'threads' of Counter.start", "Map[value][element]", "java.lang.Thread",
            Messages.FIX_NOT_WIRE))
        .inFile(source).onLineContaining("void start(");
  }

  @Test
  void everyUnsupportedTypeIsReported() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          final class Plain {
            public int count;
          }

          void wildcard(List<? extends Number> numbers);

          void raw(List names);

          void socket(java.net.Socket socket);

          void arrays(List<String>[] lists);

          void sorted(SortedSet<Plain> values);

          void plain(Plain plain);

          Object plain();
        }
        """);
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "parameter 'numbers' of Counter.wildcard", "List[element]", "? extends java.lang.Number",
            Messages.FIX_WILDCARD))
        .inFile(source).onLineContaining("void wildcard(");
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "parameter 'names' of Counter.raw", "List", "java.util.List", Messages.FIX_RAW))
        .inFile(source).onLineContaining("void raw(");
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "parameter 'socket' of Counter.socket", "Socket", "java.net.Socket",
            Messages.FIX_NOT_WIRE))
        .inFile(source).onLineContaining("void socket(");
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "parameter 'lists' of Counter.arrays", "List[]", "java.util.List<java.lang.String>[]",
            Messages.FIX_GENERIC_ARRAY))
        .inFile(source).onLineContaining("void arrays(");
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "parameter 'values' of Counter.sorted", "SortedSet[element]", "demo.Counter.Plain",
            Messages.FIX_NOT_COMPARABLE))
        .inFile(source).onLineContaining("void sorted(");
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "parameter 'plain' of Counter.plain", "Plain", "demo.Counter.Plain",
            Messages.FIX_NOT_WIRE))
        .inFile(source).onLineContaining("void plain(");
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "result of Counter.plain", "Object", "java.lang.Object", Messages.FIX_NOT_WIRE))
        .inFile(source).onLineContaining("Object plain()");
    assertThat(compilation).hadErrorCount(7);
  }

  @Test
  void unsupportedResultInAFuture() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          CompletableFuture<Optional<Thread>> current();
        }
        """);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "result of Counter.current", "CompletableFuture[value][value]", "java.lang.Thread",
            Messages.FIX_NOT_WIRE))
        .inFile(source).onLineContaining("current();");
  }

  @Test
  void recordNotVisibleFromTheWorkersPackage() {
    JavaFileObject base = source("other.Base", """
        package other;

        public class Base {
          protected record Job(long id) {}
        }
        """);
    JavaFileObject source = worker("Holder", """
        public class Holder extends other.Base {
          @RpcWorker
          public interface Counter {
            void submit(Job job);
          }
        }
        """);
    assertThat(compileGeneratingNothing(source, base))
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "parameter 'job' of Holder.Counter.submit", "Job", "other.Base.Job",
            Messages.FIX_NOT_VISIBLE))
        .inFile(source).onLineContaining("void submit(");
  }

  @Test
  void methodClashingWithTheClient() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          void close();

          long control(long level);
        }
        """);
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.CLIENT_MEMBER_CLASH, "close"))
        .inFile(source).onLineContaining("void close()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void appWithoutMain() {
    JavaFileObject source = source("demo.App", """
        package demo;

        import io.rpcparallel.annotations.RpcParallelApp;

        @RpcParallelApp
        public final class App {
          static void main(String[] args) {}
        }
        """);
    Compilation compilation = compileGeneratingNothing(source);
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.APP_WITHOUT_MAIN, "App"))
        .inFile(source).onLineContaining("public final class App");
  }

  @Test
  void initTypeNotAWireType() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker(init = Thread.class)
        public interface Counter {
          long add(long delta);
        }
        """);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "init type of @RpcWorker Counter", "Thread", "java.lang.Thread",
            Messages.FIX_NOT_WIRE))
        .inFile(source).onLineContaining("@RpcWorker(init = Thread.class)");
  }

  @Test
  void connectArgTypeNotAWireType() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker(init = String.class,
            connectArg = Thread.class)
        public interface Counter {
          long add(long delta);
        }
        """);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "connectArg type of @RpcWorker Counter", "Thread", "java.lang.Thread",
            Messages.FIX_NOT_WIRE))
        .inFile(source).onLineContaining("connectArg = Thread.class");
  }

  @Test
  void genericMethod() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          <T> void put(List<T> values);
        }
        """);
    assertThat(compile(source)).hadErrorContaining(Messages.METHOD_GENERIC)
        .inFile(source).onLineContaining("<T> void put(");
  }

  @Test
  void oneBadWorkerDoesNotStopTheOthers() {
    JavaFileObject bad = worker("Bad", """
        @RpcWorker
        public interface Bad {
          void run(Thread thread);
        }
        """);
    JavaFileObject good = worker("Good", """
        @RpcWorker
        public interface Good {
          long add(long delta);
        }
        """);
    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = Sources.compile(processor, List.of(bad, good));
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.createdSources).containsExactly("demo.GoodRpc", "demo.GoodClient",
        "demo.GoodAsync", "demo.GoodDispatcher", "demo.GoodCodecs");
  }

  private static final String STREAM_IMPORTS = """
      import io.rpcparallel.StreamWriter;
      import java.util.concurrent.Flow;

      """;

  @Test
  void streamParameterNotLast() {
    JavaFileObject source = worker("Feed", STREAM_IMPORTS + """
        @RpcWorker
        public interface Feed {
          long sum(Flow.Publisher<Long> numbers, String label);
        }
        """);
    compileGeneratingNothing(source);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.STREAM_PARAMETER_NOT_LAST,
            "java.util.concurrent.Flow.Publisher<java.lang.Long>"))
        .inFile(source).onLineContaining("Flow.Publisher<Long> numbers");
  }

  @Test
  void directPipeReturningAValue() {
    JavaFileObject source = worker("Feed", STREAM_IMPORTS + """
        @RpcWorker
        public interface Feed {
          long ticks(int every, StreamWriter<String> out);
        }
        """);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.DIRECT_PIPE_NOT_VOID, "long"))
        .inFile(source).onLineContaining("long ticks(");
  }

  @Test
  void reversePipeReturningAFuture() {
    JavaFileObject source = worker("Feed", STREAM_IMPORTS + """
        @RpcWorker
        public interface Feed {
          CompletableFuture<Long> sum(Flow.Publisher<Long> numbers);
        }
        """);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.REVERSE_PIPE_RESULT,
            "java.util.concurrent.CompletableFuture<java.lang.Long>"))
        .inFile(source).onLineContaining("CompletableFuture<Long> sum(");
  }

  @Test
  void oneWayWithAStream() {
    JavaFileObject source = worker("Feed", STREAM_IMPORTS + """
        @RpcWorker
        public interface Feed {
          @OneWay
          void drain(Flow.Publisher<Long> numbers);
        }
        """);
    assertThat(compile(source))
        .hadErrorContaining(Messages.ONE_WAY_STREAM)
        .inFile(source).onLineContaining("void drain(");
  }

  @Test
  void onEventLoopOnAStreamingMethod() {
    JavaFileObject source = worker("Feed", STREAM_IMPORTS + """
        @RpcWorker
        public interface Feed {
          long size();

          @OnEventLoop
          Flow.Publisher<Long> count(long upTo);
        }
        """);
    // On the annotation itself: the rest of the method is fine.
    assertThat(compileGeneratingNothing(source))
        .hadErrorContaining(Messages.ON_EVENT_LOOP_STREAM)
        .inFile(source).onLineContaining("@OnEventLoop");
  }

  @Test
  void onEventLoopOnAnInterfaceWithAStreamingMethod() {
    JavaFileObject source = worker("Feed", STREAM_IMPORTS + """
        @RpcWorker
        @OnEventLoop
        public interface Feed {
          long size();

          void ticks(int every, StreamWriter<Long> out);
        }
        """);
    assertThat(compileGeneratingNothing(source))
        .hadErrorContaining(String.format(Messages.ON_EVENT_LOOP_INTERFACE_STREAM, "Feed"))
        .inFile(source).onLineContaining("void ticks(");
  }

  @Test
  void streamOfANonWireType() {
    JavaFileObject source = worker("Feed", STREAM_IMPORTS + """
        @RpcWorker
        public interface Feed {
          Flow.Publisher<Thread> threads();
        }
        """);
    assertThat(compile(source))
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE, "result of Feed.threads",
            "Publisher[item]", "java.lang.Thread", Messages.FIX_NOT_WIRE))
        .inFile(source).onLineContaining("threads()");
  }

  @Test
  void arrayOfAnUnsupportedTypeInARecordComponent() {
    JavaFileObject job = source("demo.Job", """
        package demo;

        public record Job(String name, Thread[] threads) {}
        """);
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          void submit(Job job);
        }
        """);
    Compilation compilation = compileGeneratingNothing(source, job);
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_ARRAY_ELEMENT,
            "parameter 'job' of Counter.submit", "Job.threads", "java.lang.Thread",
            Messages.FIX_NOT_WIRE))
        .inFile(source).onLineContaining("void submit(Job job)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void sealedInterfaceWithAClassSubtype() {
    JavaFileObject shape = source("demo.Shape", """
        package demo;

        public sealed interface Shape permits Shape.Circle, Shape.Blob {
          record Circle(double radius) implements Shape {}

          final class Blob implements Shape {}
        }
        """);
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          double area(List<Shape> shapes);
        }
        """);
    Compilation compilation = compileGeneratingNothing(source, shape);
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.SEALED_BAD_SUBTYPE,
            "parameter 'shapes' of Counter.area", "List[element]", "demo.Shape",
            "demo.Shape.Blob"))
        .inFile(source).onLineContaining("double area(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void interfaceThatIsNotSealed() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          Runnable task();
        }
        """);
    assertThat(compileGeneratingNothing(source))
        .hadErrorContaining(String.format(Messages.UNSUPPORTED_TYPE,
            "result of Counter.task", "Runnable", "java.lang.Runnable", Messages.FIX_NOT_SEALED))
        .inFile(source).onLineContaining("Runnable task()");
  }

  @Test
  void genericRecordThatGrowsOnEveryLevel() {
    JavaFileObject nest = source("demo.Nest", """
        package demo;

        import java.util.List;

        public record Nest<T>(T value, Nest<List<T>> deeper) {}
        """);
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          void put(Nest<String> nest);
        }
        """);
    Compilation compilation = compileGeneratingNothing(source, nest);
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.CYCLE,
            "parameter 'nest' of Counter.put", "Nest.deeper", "demo.Nest<java.lang.String>",
            "demo.Nest<java.util.List<java.lang.String>>"))
        .inFile(source).onLineContaining("void put(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void rpcCodecThatIsNotACodecOfTheType() {
    JavaFileObject money = source("demo.Money", """
        package demo;

        import io.rpcparallel.annotations.RpcCodec;

        @RpcCodec(Money.WrongCodec.class)
        public final class Money {
          public static final class WrongCodec implements io.rpcparallel.Codec<String> {
            @Override public void encode(io.rpcparallel.WireOutput out, String value) {}
            @Override public String decode(io.rpcparallel.WireInput in) { return null; }
          }
        }
        """);
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          void pay(Money money);
        }
        """);
    assertThat(compileGeneratingNothing(source, money))
        .hadErrorContaining(String.format(Messages.CODEC_NOT_A_CODEC,
            "parameter 'money' of Counter.pay", "Money", "demo.Money", "demo.Money.WrongCodec"))
        .inFile(source).onLineContaining("void pay(");
  }

  @Test
  void rpcCodecWithoutAnInstance() {
    JavaFileObject source = worker("Counter", """
        @RpcWorker
        public interface Counter {
          final class LockCodec implements io.rpcparallel.Codec<java.util.concurrent.locks.Lock> {
            private LockCodec() {}
            @Override public void encode(io.rpcparallel.WireOutput out,
                java.util.concurrent.locks.Lock value) {}
            @Override public java.util.concurrent.locks.Lock decode(io.rpcparallel.WireInput in) {
              return null;
            }
          }

          void hold(@RpcCodec(LockCodec.class) java.util.concurrent.locks.Lock lock);
        }
        """);
    assertThat(compileGeneratingNothing(source))
        .hadErrorContaining(String.format(Messages.CODEC_NO_INSTANCE,
            "parameter 'lock' of Counter.hold", "Lock", "java.util.concurrent.locks.Lock",
            "demo.Counter.LockCodec"))
        .inFile(source).onLineContaining("void hold(");
  }
}
