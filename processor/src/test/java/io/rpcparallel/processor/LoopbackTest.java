package io.rpcparallel.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated code of the golden worker: its client, through {@link Loopback}, calls its
 * dispatcher, which calls an implementation. Every argument and result makes the round trip
 * through the generated codecs, so encode and decode must agree.
 */
class LoopbackTest {
  @Test
  void everyMethodMakesTheRoundTrip() throws Exception {
    List<JavaFileObject> sources = new ArrayList<>(Sources.counter());
    sources.add(Sources.source("demo.CounterImpl", """
        package demo;

        import java.util.*;
        import java.util.concurrent.CompletableFuture;

        public final class CounterImpl implements Counter {
          private long total;
          final List<String> logged = new ArrayList<>();

          public CounterImpl(CounterConfig config) {
            total = config.start();
          }

          @Override public long add(long delta) { return total += delta; }
          @Override public long add(long delta, int times) { return total += delta * times; }

          @Override public Job submit(Job job, Priority priority) {
            return new Job(job.id() + 1, job.name() + "!", priority, List.of(job), job.owner());
          }

          @Override public CompletableFuture<Stats> stats(Optional<Priority> filter) {
            Map<Priority, Long> counts = new LinkedHashMap<>();
            counts.put(filter.orElse(Priority.LOW), total);
            counts.put(Priority.HIGH, null);
            return CompletableFuture.completedFuture(new Stats(counts, 1.5, new byte[] {1, 2}));
          }

          @Override public CompletableFuture<Void> reset() {
            return CompletableFuture.failedFuture(new IllegalStateException("no reset"));
          }

          @Override public void log(String line) { logged.add(line); }

          @Override public Map<String, List<Long>> histogram(List<Job> jobs, byte[] payload) {
            Map<String, List<Long>> result = new TreeMap<>();
            for (Job job : jobs) {
              result.put(job.name(), List.of(job.id(), (long) payload.length));
            }
            return result;
          }

          @Override public boolean ping(Integer attempt) { return attempt == null; }

          @Override public void clear() { total = 0; }
        }
        """));
    sources.add(Sources.source("demo.Scenario", """
        package demo;

        import io.rpcparallel.processor.Loopback;
        import java.util.*;
        import java.util.concurrent.Callable;

        public final class Scenario implements Callable<String> {
          private static void check(boolean ok, String what) {
            if (!ok) {
              throw new AssertionError(what);
            }
          }

          @Override
          public String call() throws Exception {
            CounterImpl impl = new CounterImpl(new CounterConfig("c", 5));
            try (CounterClient client = new CounterClient(Loopback.of(CounterRpc.TYPE.dispatcher(impl)))) {
              check(client.add(3) == 8, "add");
              check(client.add(2, 3) == 14, "add overload");
              check(client.async().add(1).join() == 15L, "async add");

              Job.Owner owner = new Job.Owner("ann", 'a', null);
              Job child = new Job(1, "child", null, List.of(), Optional.empty());
              Job job = new Job(7, "job", Priority.NORMAL, Arrays.asList(child, null), Optional.of(owner));
              Job answer = client.submit(job, Priority.HIGH);
              check(answer.equals(new Job(8, "job!", Priority.HIGH, List.of(job), Optional.of(owner))),
                  "recursive record: " + answer);
              check(client.submit(new Job(0, null, null, null, null), null).owner() == null, "nulls");

              Stats stats = client.stats(Optional.of(Priority.NORMAL)).join();
              check(stats.countsByPriority().get(Priority.NORMAL) == 15L, "map");
              check(stats.countsByPriority().containsKey(Priority.HIGH), "null value");
              check(Arrays.equals(stats.raw(), new byte[] {1, 2}) && stats.mean() == 1.5, "stats");

              try {
                client.reset().join();
                check(false, "reset should fail");
              } catch (java.util.concurrent.CompletionException e) {
                check(e.getCause().getMessage().equals("no reset"), "failed future");
              }

              client.log("hello");
              client.async().log("again").join();
              check(impl.logged.equals(List.of("hello", "again")), "one-way");

              Map<String, List<Long>> histogram = client.histogram(List.of(job, child), new byte[3]);
              check(histogram.equals(Map.of("job", List.of(7L, 3L), "child", List.of(1L, 3L))),
                  "histogram " + histogram);

              check(client.ping(null) && !client.ping(1), "boxed null");
              client.clear();
              check(client.add(0) == 0, "clear");
            }

            CounterConfig config = new CounterConfig("init", 3);
            byte[] bytes = Loopback.Output.write(out -> CounterRpc.TYPE.initCodec().encode(out, config));
            check(CounterRpc.TYPE.initCodec().decode(new Loopback.Input(bytes)).equals(config), "init codec");
            return "ok";
          }
        }
        """));
    Compilation compilation = Sources.compile(sources);
    assertThat(compilation).succeeded();

    ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
    @SuppressWarnings("unchecked")
    Callable<String> scenario = (Callable<String>) loader.loadClass("demo.Scenario")
        .getConstructor().newInstance();
    assertThat(scenario.call()).isEqualTo("ok");
  }

  /** Loads the class files of a compilation. */
  private static final class CompiledClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClassLoader(Compilation compilation, ClassLoader parent) {
      super(parent);
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = file.toUri().getPath();
        String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
            path.length() - ".class".length()).replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
