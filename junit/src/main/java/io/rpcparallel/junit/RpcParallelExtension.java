package io.rpcparallel.junit;

import io.rpcparallel.RpcClient;
import io.rpcparallel.ShutdownOn;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstances;

/**
 * A JUnit 5 extension for tests of code that uses rpc-parallel workers. Register it with
 * {@link RpcWorkerTest @RpcWorkerTest} (or {@code @ExtendWith(RpcParallelExtension.class)}).
 *
 * <p>It does two things:
 * <ul>
 *   <li>It spawns a worker for each {@link SpawnedWorker @SpawnedWorker} field and parameter,
 *       injects a connected client, and ends the worker when its scope ends: the class for a
 *       {@code static} field, the test for an instance field (see {@link SpawnedWorker}).
 *   <li>It fails each test that leaves something behind: a worker process started during the
 *       test (on this host, by this JVM or its workers) that has not exited within the exit
 *       timeout after the test, a client connection opened during the test and still open
 *       (whatever opened it: {@code XRpc.connect}, a {@code ManagedWorker}, a map-reduce pool),
 *       a log subscription ({@code control().logs()}) made during the test and neither
 *       cancelled nor ended, or a server {@code XRpc.serve} started during the test and not
 *       closed. The test's own {@code @SpawnedWorker} workers are ended before the
 *       check. The class is checked the same way after its {@code @AfterAll} methods, for what
 *       {@code @BeforeAll} and {@code static} fields started. So that one failure does not
 *       spread, the extension then closes the leftover connections and servers and kills the
 *       leftover workers.
 * </ul>
 *
 * <p>The check looks at the whole JVM: tests that run at the same time as a checked one (JUnit's
 * parallel execution) would be taken for its leftovers, so run these one at a time, as JUnit
 * does by default.
 *
 * <p>The exit timeout (how long a worker started during a test may take to exit after it) is 30
 * seconds, or the JUnit configuration parameter {@value #EXIT_TIMEOUT}: an ISO-8601 duration
 * ({@code PT5S}) or a number of seconds.
 */
public final class RpcParallelExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  /** The configuration parameter that sets the exit timeout. */
  public static final String EXIT_TIMEOUT = "rpcparallel.junit.exitTimeout";

  private static final Duration DEFAULT_EXIT_TIMEOUT = Duration.ofSeconds(30);
  private static final String SCOPE = "scope";

  /** Makes the extension; JUnit does, once registered. */
  public RpcParallelExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    Scope scope = open(context);
    for (Field f : annotatedFields(context.getRequiredTestClass(), true)) {
      inject(scope, f, null, context.getRequiredTestClass(), List.of(), true);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Scope scope = open(context);
    List<Object> instances = context.getTestInstances().map(TestInstances::getAllInstances).orElse(List.of());
    for (Object instance : instances) {
      for (Field f : annotatedFields(instance.getClass(), false)) {
        inject(scope, f, instance, context.getRequiredTestClass(), instances, false);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    close(context, "the test");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close(context, "the test class " + context.getRequiredTestClass().getSimpleName());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.isAnnotated(SpawnedWorker.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    Parameter p = parameterContext.getParameter();
    String where = "parameter " + p.getName() + " of " + parameterContext.getDeclaringExecutable();
    if (parameterContext.getDeclaringExecutable() instanceof Constructor<?>) {
      throw new ParameterResolutionException("@SpawnedWorker " + where + ": constructor parameters are not"
          + " supported; use a field, or a parameter of a test, @BeforeEach or @BeforeAll method");
    }
    Scope scope = context.getStore(namespace(context)).get(SCOPE, Scope.class);
    if (scope == null) {
      throw new ParameterResolutionException("@SpawnedWorker " + where + ": RpcParallelExtension has not"
          + " started this test or class (register it on the class, with @RpcWorkerTest)");
    }
    List<Object> instances = context.getTestInstances().map(TestInstances::getAllInstances).orElse(List.of());
    SpawnedWorker spec = parameterContext.findAnnotation(SpawnedWorker.class).orElseThrow();
    WorkerDeclaration declaration = new WorkerDeclaration(where, p.getType(), spec,
        p.isNamePresent() ? Optional.of(p.getName()) : Optional.empty());
    WorkerDeclaration.Spawned spawned = declaration.spawn(context.getRequiredTestClass(), instances,
        context.getTestMethod().isEmpty());
    scope.add(spawned, () -> {});
    return spawned.client();
  }

  private static Scope open(ExtensionContext context) {
    Scope scope = new Scope(Leftovers.now());
    context.getStore(namespace(context)).put(SCOPE, scope);
    return scope;
  }

  private static void close(ExtensionContext context, String who) throws Exception {
    Scope scope = context.getStore(namespace(context)).remove(SCOPE, Scope.class);
    if (scope == null) {
      return;
    }
    List<Throwable> errors = scope.endWorkers();
    List<String> leftovers = Leftovers.leftSince(scope.before, exitTimeout(context));
    AssertionError failure = null;
    if (!leftovers.isEmpty()) {
      failure = new AssertionError(who + " left rpc-parallel resources behind (the extension has closed or killed"
          + " them):\n  - " + String.join("\n  - ", leftovers));
    }
    Throwable first = failure;
    for (Throwable e : errors) {
      if (first == null) {
        first = e;
      } else {
        first.addSuppressed(e);
      }
    }
    if (first instanceof Exception e) {
      throw e;
    }
    if (first instanceof Error e) {
      throw e;
    }
  }

  private static Duration exitTimeout(ExtensionContext context) {
    Optional<String> value = context.getConfigurationParameter(EXIT_TIMEOUT).map(String::trim);
    if (value.isEmpty()) {
      return DEFAULT_EXIT_TIMEOUT;
    }
    try {
      Duration d = value.get().matches("\\d+(\\.\\d+)?")
          ? Duration.ofMillis(Math.round(Double.parseDouble(value.get()) * 1000)) : Duration.parse(value.get());
      if (d.isNegative()) {
        throw new ExtensionConfigurationException(EXIT_TIMEOUT + " must not be negative, got " + value.get());
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ExtensionConfigurationException(EXIT_TIMEOUT + " is an ISO-8601 duration (PT5S) or a number of"
          + " seconds, got " + value.get(), e);
    }
  }

  /** Each context's own store: a nested class's or test's scope never finds its parent's. */
  private static ExtensionContext.Namespace namespace(ExtensionContext context) {
    return ExtensionContext.Namespace.create(RpcParallelExtension.class, context.getUniqueId());
  }

  private static List<Field> annotatedFields(Class<?> testClass, boolean wantStatic) {
    List<Field> fields = new ArrayList<>();
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.add(c);
    }
    Collections.reverse(hierarchy); // superclass fields first, as JUnit orders its own
    for (Class<?> c : hierarchy) {
      for (Field f : c.getDeclaredFields()) {
        if (f.isAnnotationPresent(SpawnedWorker.class) && Modifier.isStatic(f.getModifiers()) == wantStatic) {
          fields.add(f);
        }
      }
    }
    return fields;
  }

  private static void inject(Scope scope, Field f, Object instance, Class<?> testClass, List<Object> instances,
      boolean staticOnly) {
    String where = "field " + f.getDeclaringClass().getSimpleName() + "." + f.getName();
    if (Modifier.isFinal(f.getModifiers())) {
      throw new ExtensionConfigurationException("@SpawnedWorker " + where + ": must not be final");
    }
    WorkerDeclaration declaration = new WorkerDeclaration(where, f.getType(), f.getAnnotation(SpawnedWorker.class),
        Optional.of(f.getName()));
    WorkerDeclaration.Spawned spawned = declaration.spawn(testClass, instances, staticOnly);
    Runnable unset = () -> set(f, instance, null);
    scope.add(spawned, unset);
    set(f, instance, spawned.client());
  }

  private static void set(Field f, Object instance, Object value) {
    try {
      f.setAccessible(true);
      f.set(instance, value);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new ExtensionConfigurationException("@SpawnedWorker field " + f.getDeclaringClass().getSimpleName() + "."
          + f.getName() + ": cannot set it: " + e, e);
    }
  }

  /**
   * What the extension started for one test or class: the state of the JVM before it, and the
   * workers it spawned. Stored in the test's or class's store, so that JUnit ends the workers
   * even on a path that skips {@code afterEach} / {@code afterAll}.
   */
  private static final class Scope implements AutoCloseable {
    final Leftovers before;
    private final List<WorkerDeclaration.Spawned> spawned = new ArrayList<>();
    private final List<Runnable> unsets = new ArrayList<>();

    Scope(Leftovers before) {
      this.before = before;
    }

    synchronized void add(WorkerDeclaration.Spawned s, Runnable unset) {
      spawned.add(s);
      unsets.add(unset);
    }

    /** Ends the workers, last spawned first; returns what went wrong doing so. */
    synchronized List<Throwable> endWorkers() {
      List<Throwable> errors = new ArrayList<>();
      for (int i = spawned.size() - 1; i >= 0; i--) {
        WorkerDeclaration.Spawned s = spawned.get(i);
        RpcClient client = s.client();
        if (s.options().shutdownOn() != ShutdownOn.CONNECTION_CLOSED) {
          try {
            client.control().shutdown();
          } catch (RuntimeException e) {
            // The test closed the client itself (its closed() may not have completed yet), or the
            // worker is gone: in the first case the worker is still the extension's to end.
            try (RpcClient again = s.reconnect().get()) {
              again.control().shutdown();
            } catch (RuntimeException gone) {
              // Gone already: the leftover check says if it stayed.
            }
          }
        }
        try {
          client.close();
        } catch (RuntimeException e) {
          errors.add(e);
        }
        try {
          unsets.get(i).run();
        } catch (RuntimeException e) {
          errors.add(e);
        }
      }
      spawned.clear();
      unsets.clear();
      return errors;
    }

    @Override
    public void close() {
      endWorkers();
    }
  }
}
