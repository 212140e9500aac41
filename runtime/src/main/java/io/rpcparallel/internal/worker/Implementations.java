package io.rpcparallel.internal.worker;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * How a worker's implementation is found and built: by class name in the worker process, with
 * the constructor that takes the init argument (or none). The master checks the same rules
 * before it spawns, so a bad class fails at once with a clear message.
 */
public final class Implementations {
  private static final Map<Class<?>, Class<?>> BOXES = Map.of(boolean.class, Boolean.class, byte.class, Byte.class,
      short.class, Short.class, char.class, Character.class, int.class, Integer.class, long.class, Long.class,
      float.class, Float.class, double.class, Double.class);

  private Implementations() {}

  /**
   * As {@link #check(Class, Class, Class)}, and for an interface with a connect argument, checks
   * that {@code impl} builds connection states.
   */
  public static void check(Class<?> impl, io.rpcparallel.internal.gen.WorkerType<?, ?> type) {
    check(impl, type.iface(), type.initClass());
    if (type.hasConnectArg() && !io.rpcparallel.ConnectionStateFactory.class.isAssignableFrom(impl)) {
      throw new IllegalArgumentException(impl.getName() + " does not implement ConnectionStateFactory<"
          + type.connectArgClass().getSimpleName() + ", ...>: " + type.interfaceName()
          + " has a connect argument, from which the implementation builds each connection's state");
    }
  }

  /** Throws {@link IllegalArgumentException} naming the problem if {@code impl} cannot be built in a worker. */
  public static void check(Class<?> impl, Class<?> iface, Class<?> initClass) {
    if (!iface.isAssignableFrom(impl)) {
      throw new IllegalArgumentException(impl.getName() + " does not implement " + iface.getCanonicalName());
    }
    if (impl.isInterface() || Modifier.isAbstract(impl.getModifiers())) {
      throw new IllegalArgumentException(impl.getName() + " is abstract: spawn needs a concrete implementation class");
    }
    if (impl.isAnonymousClass() || impl.isLocalClass() || impl.isHidden() || impl.isSynthetic()
        || (impl.isMemberClass() && !Modifier.isStatic(impl.getModifiers()))) {
      throw new IllegalArgumentException(impl.getName() + " is an anonymous, local, inner or hidden class: the"
          + " worker process loads its implementation by name; make it a top-level or static nested class");
    }
    try {
      constructor(impl, initClass);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** The constructor to build {@code impl} with: taking {@code initClass}, or none when it is {@code Void}. */
  public static Constructor<?> constructor(Class<?> impl, Class<?> initClass) throws NoSuchMethodException {
    Class<?>[] params = initClass == Void.class ? new Class<?>[0] : new Class<?>[] {initClass};
    try {
      return impl.getDeclaredConstructor(params);
    } catch (NoSuchMethodException e) {
      // A primitive init type also accepts its box, and the other way round.
      Class<?> other = params.length == 1 ? counterpart(params[0]) : null;
      if (other != null) {
        try {
          return impl.getDeclaredConstructor(other);
        } catch (NoSuchMethodException ignored) {
          // fall through to the message below
        }
      }
      String want = params.length == 0 ? "no-argument constructor" : "constructor taking " + params[0].getName();
      throw new NoSuchMethodException(impl.getName() + " has no " + want
          + " (a worker's implementation is built from the init argument given at spawn)");
    }
  }

  private static Class<?> counterpart(Class<?> c) {
    if (BOXES.containsKey(c)) {
      return BOXES.get(c);
    }
    for (Map.Entry<Class<?>, Class<?>> e : BOXES.entrySet()) {
      if (e.getValue() == c) {
        return e.getKey();
      }
    }
    return null;
  }
}
