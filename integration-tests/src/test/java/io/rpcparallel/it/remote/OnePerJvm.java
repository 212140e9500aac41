package io.rpcparallel.it.remote;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * A JUnit extension whose state (daemons, say) is started once per test JVM, by the first test
 * class that registers it, and kept in the root store: JUnit closes it when the whole run ends.
 * Each instance is a handle on that one state; a test class may also declare a parameter of the
 * extension's type. A failed start is remembered, so that later classes fail (or skip) at once.
 *
 * @param <S> the running state
 */
abstract class OnePerJvm<S extends AutoCloseable> implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OnePerJvm.class);
  private static final Map<Class<?>, Started<?>> STARTED = new ConcurrentHashMap<>();

  /** Starts the state; called once per JVM. */
  abstract S start() throws Exception;

  @Override
  public final void beforeAll(ExtensionContext context) {
    started(context);
  }

  @Override
  public final void beforeEach(ExtensionContext context) {
    started(context);
  }

  @Override
  public final boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == getClass();
  }

  @Override
  public final Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    started(context);
    return this;
  }

  private void started(ExtensionContext context) {
    Started<?> s = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(getClass(), k -> Started.of(getClass(), this::start), Started.class);
    s.get();
  }

  /** The running state; fails if no test class registered this extension yet. */
  @SuppressWarnings("unchecked")
  final S running() {
    Started<?> s = STARTED.get(getClass());
    if (s == null) {
      throw new IllegalStateException(getClass().getSimpleName()
          + " is not started: register it with @RegisterExtension on a static field or with @ExtendWith");
    }
    return (S) s.get();
  }

  /** The outcome of the one start: the state, or why there is none. Closed by JUnit at the end of the run. */
  private static final class Started<S extends AutoCloseable> implements AutoCloseable {
    private final Class<?> owner;
    private final S state;
    private final Throwable failure;

    private Started(Class<?> owner, S state, Throwable failure) {
      this.owner = owner;
      this.state = state;
      this.failure = failure;
    }

    static <S extends AutoCloseable> Started<S> of(Class<?> owner, Starter<S> starter) {
      Started<S> s;
      try {
        s = new Started<>(owner, starter.start(), null);
      } catch (Exception | AssertionError e) {
        s = new Started<>(owner, null, e);
      }
      STARTED.put(owner, s);
      return s;
    }

    S get() {
      if (failure instanceof TestAbortedException aborted) {
        throw aborted;
      }
      if (failure != null) {
        throw new IllegalStateException(owner.getSimpleName() + " could not start: " + failure.getMessage(), failure);
      }
      return state;
    }

    @Override
    public void close() {
      STARTED.remove(owner, this);
      if (state != null) {
        try {
          state.close();
        } catch (Exception e) {
          throw new IllegalStateException(owner.getSimpleName() + " did not stop cleanly", e);
        }
      }
    }
  }

  @FunctionalInterface
  interface Starter<S> {
    S start() throws Exception;
  }
}
