package io.rpcparallel.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.rpcparallel.processor.model.QualifiedName;
import io.rpcparallel.processor.model.RuntimeTypes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated code as a user's code in another package sees it: what it can call, what it
 * cannot reach, and what it does not have to catch.
 */
class GeneratedApiTest {
  private static Compilation compileWithCounter(JavaFileObject user) {
    List<JavaFileObject> sources = new ArrayList<>(Sources.counter());
    sources.add(user);
    return Sources.compile(sources);
  }

  @Test
  void clientsAndForegroundsCloseWithoutCatchingAndThrowNoCheckedException() {
    // Counter.submit declares IOException, and both AutoCloseable.close() and the old
    // Foreground.close() throw Exception: none of them comes from a generated client.
    Compilation compilation = compileWithCounter(Sources.source("app.Caller", """
        package app;

        import demo.Counter;
        import demo.CounterClient;
        import demo.CounterConfig;
        import demo.CounterRpc;
        import demo.Job;
        import demo.Priority;
        import io.rpcparallel.Foreground;
        import io.rpcparallel.SpawnOptions;

        final class Caller {
          static Job inTheForeground(Class<? extends Counter> impl, Job job) {
            try (Foreground<CounterClient> foreground = CounterRpc.spawnForeground(impl,
                new CounterConfig("c", 0), SpawnOptions.defaults())) {
              return foreground.client().submit(job, Priority.HIGH);
            }
          }

          static Job connected(Class<? extends Counter> impl, Job job) {
            try (CounterClient client = CounterRpc.spawnAndConnect(impl,
                new CounterConfig("c", 0), SpawnOptions.defaults())) {
              return client.submit(job, Priority.LOW);
            }
          }
        }
        """));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void clientConstructorIsNotPublic() {
    JavaFileObject user = Sources.source("app.Wrapper", """
        package app;

        import demo.CounterClient;
        import io.rpcparallel.internal.gen.RpcConnection;

        final class Wrapper {
          static CounterClient wrap(RpcConnection connection) {
            return new CounterClient(connection);
          }
        }
        """);
    Compilation compilation = compileWithCounter(user);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("is not public in demo.CounterClient")
        .inFile(user).onLineContaining("new CounterClient(connection)");
  }

  @Test
  void dispatcherIsNotPublic() {
    JavaFileObject user = Sources.source("app.Serve", """
        package app;

        final class Serve {
          static Object dispatcher(demo.Counter implementation) {
            return new demo.CounterDispatcher(implementation);
          }
        }
        """);
    Compilation compilation = compileWithCounter(user);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("demo.CounterDispatcher is not public in demo")
        .inFile(user).onLineContaining("new demo.CounterDispatcher");
  }

  @Test
  void everyRuntimeTypeTheProcessorNamesExists() throws ReflectiveOperationException {
    List<String> named = new ArrayList<>();
    for (Field field : RuntimeTypes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == QualifiedName.class) {
        QualifiedName name = (QualifiedName) field.get(null);
        String binaryName = name.packageName() + "." + String.join("$", name.simpleNames());
        Class.forName(binaryName, false, getClass().getClassLoader());
        named.add(name.canonicalName());
      }
    }
    assertThat(named).contains("io.rpcparallel.Codec");
    assertThat(named).hasSize(RuntimeTypes.class.getFields().length);
  }
}
