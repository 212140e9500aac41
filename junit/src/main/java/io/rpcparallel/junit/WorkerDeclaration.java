package io.rpcparallel.junit;

import io.rpcparallel.RpcClient;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.internal.gen.WorkerType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One {@link SpawnedWorker} field or parameter: which generated {@code XRpc} spawns it, and with
 * what. Errors name the field or parameter ({@code where}) and say how to fix it.
 */
final class WorkerDeclaration {
  private final String where;
  private final Class<?> declaredType;
  private final SpawnedWorker spec;
  private final Optional<String> defaultName;

  /**
   * What the extension holds for a worker it spawned: the client, how it was spawned, and a way to
   * open another connection to it (with the same connect argument), to ask it to shut down once
   * the test has closed the client itself.
   */
  record Spawned(RpcClient client, SpawnOptions options, Supplier<RpcClient> reconnect) {}

  /**
   * @param where how messages name the declaration ("field CounterTest.counter")
   * @param declaredType the field's or parameter's type
   * @param spec its annotation
   * @param defaultName the worker's name if the annotation gives none
   */
  WorkerDeclaration(String where, Class<?> declaredType, SpawnedWorker spec, Optional<String> defaultName) {
    this.where = where;
    this.declaredType = declaredType;
    this.spec = spec;
    this.defaultName = defaultName;
  }

  /**
   * Spawns the worker and connects to it, reading the init argument, the options and the connect
   * argument from {@code testClass} (static members) or {@code instances}.
   */
  Spawned spawn(Class<?> testClass, List<Object> instances, boolean staticOnly) {
    Class<?> iface = workerInterface();
    Class<?> rpc = rpcClass(iface).orElseThrow();
    WorkerType<?, ?> type = workerType(rpc);
    if (!iface.isAssignableFrom(spec.impl()) || spec.impl().isInterface()
        || Modifier.isAbstract(spec.impl().getModifiers())) {
      throw error("impl = " + spec.impl().getName() + " is not a class implementing " + iface.getName());
    }
    List<Object> args = new ArrayList<>();
    args.add(spec.impl());
    argument("init", spec.init(), type.initClass(), iface.getSimpleName() + " workers are built from an init argument",
        "@RpcWorker(init = ...)", testClass, instances, staticOnly).ifPresent(args::add);
    Optional<Object> connectArg = argument("connectArg", spec.connectArg(), type.connectArgClass(),
        iface.getSimpleName() + " connections are built from a connect argument", "@RpcWorker(connectArg = ...)",
        testClass, instances, staticOnly);
    connectArg.ifPresent(args::add);
    SpawnOptions options = spec.options().isEmpty() ? SpawnOptions.defaults()
        : (SpawnOptions) value("options", spec.options(), SpawnOptions.class, testClass, instances, staticOnly);
    if (!spec.name().isEmpty()) {
      options = options.withName(spec.name());
    } else if (options.name().isEmpty() && defaultName.isPresent()) {
      options = options.withName(defaultName.get());
    }
    args.add(options);
    Method spawnAndConnect = rpcMethod(rpc, "spawnAndConnect", args.size());
    Method connect = rpcMethod(rpc, "connect", connectArg.isPresent() ? 2 : 1);
    // Checked before spawning, so that a wrong type leaves no worker (whatever its shutdown mode).
    if (!declaredType.isAssignableFrom(spawnAndConnect.getReturnType())) {
      throw error("is of type " + declaredType.getName() + ", which a " + spawnAndConnect.getReturnType().getName()
          + " is not");
    }
    Object client = call(spawnAndConnect, args.toArray());
    Object worker = ((RpcClient) client).control().worker();
    Object[] connectArgs = connectArg.isPresent() ? new Object[] {worker, connectArg.get()} : new Object[] {worker};
    return new Spawned((RpcClient) client, options, () -> (RpcClient) call(connect, connectArgs));
  }

  /** Calls the static method {@code m} of a generated {@code XRpc}, rethrowing what it throws. */
  private Object call(Method m, Object[] args) {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw error("cannot call " + m + ": " + e.getMessage());
    }
  }

  /**
   * The value of the argument {@code attribute} names, if the interface has that argument: its
   * {@code type} is not {@code Void}. Naming one the interface lacks, or none it has, is an error.
   */
  private Optional<Object> argument(String attribute, String member, Class<?> type, String needs, String declaration,
      Class<?> testClass, List<Object> instances, boolean staticOnly) {
    if (type == Void.class) {
      if (!member.isEmpty()) {
        throw error("the interface declares no such argument (" + declaration + "): remove " + attribute + " = \""
            + member + "\"");
      }
      return Optional.empty();
    }
    if (member.isEmpty()) {
      throw error(needs + " of type " + type.getName() + ": name a field or method giving it with " + attribute
          + " = \"...\"");
    }
    return Optional.of(value(attribute, member, type, testClass, instances, staticOnly));
  }

  /** The {@code @RpcWorker} interface of the declared type: the type itself, or what its client implements. */
  private Class<?> workerInterface() {
    if (declaredType.isInterface() && declaredType != RpcClient.class && rpcClass(declaredType).isPresent()) {
      return declaredType;
    }
    if (!declaredType.isInterface() && RpcClient.class.isAssignableFrom(declaredType)) {
      for (Class<?> i : declaredType.getInterfaces()) {
        if (i != RpcClient.class && rpcClass(i).isPresent()) {
          return i;
        }
      }
    }
    throw error("is of type " + declaredType.getName() + ": a @SpawnedWorker's type is the generated client"
        + " XClient of an @RpcWorker interface X, or X itself");
  }

  /** The generated {@code XRpc} of interface {@code iface}: in its package, nested names joined by '_'. */
  private static Optional<Class<?>> rpcClass(Class<?> iface) {
    StringBuilder flat = new StringBuilder(iface.getSimpleName());
    for (Class<?> c = iface.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
      flat.insert(0, c.getSimpleName() + "_");
    }
    String pkg = iface.getPackageName();
    String name = (pkg.isEmpty() ? "" : pkg + ".") + flat + "Rpc";
    try {
      Class<?> rpc = Class.forName(name, true, iface.getClassLoader());
      return workerTypeField(rpc).isPresent() ? Optional.of(rpc) : Optional.empty();
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }

  private static Optional<Field> workerTypeField(Class<?> rpc) {
    try {
      Field f = rpc.getField("TYPE");
      return Modifier.isStatic(f.getModifiers()) && WorkerType.class.isAssignableFrom(f.getType())
          ? Optional.of(f) : Optional.empty();
    } catch (NoSuchFieldException e) {
      return Optional.empty();
    }
  }

  private WorkerType<?, ?> workerType(Class<?> rpc) {
    try {
      return (WorkerType<?, ?>) workerTypeField(rpc).orElseThrow().get(null);
    } catch (IllegalAccessException e) {
      throw error("cannot read " + rpc.getName() + ".TYPE: " + e.getMessage());
    }
  }

  private Method rpcMethod(Class<?> rpc, String name, int parameters) {
    for (Method m : rpc.getMethods()) {
      if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())
          && m.getParameterCount() == parameters) {
        return m;
      }
    }
    throw error(rpc.getName() + " has no " + name + " method taking " + parameters
        + " arguments: was it generated by another version of rpc-parallel?");
  }

  /**
   * The value of the field or no-argument method {@code member}, looked up in the test class, its
   * superclasses and its enclosing classes.
   */
  private Object value(String attribute, String member, Class<?> expected, Class<?> testClass,
      List<Object> instances, boolean staticOnly) {
    for (Class<?> outer = testClass; outer != null; outer = outer.getEnclosingClass()) {
      for (Class<?> c = outer; c != null && c != Object.class; c = c.getSuperclass()) {
        Optional<java.lang.reflect.Member> found = member(c, member);
        if (found.isPresent()) {
          return read(attribute, found.get(), expected, instances, staticOnly);
        }
      }
    }
    throw error(attribute + " = \"" + member + "\" names no field and no method without parameters of "
        + testClass.getName() + ", its superclasses or enclosing classes");
  }

  private static Optional<java.lang.reflect.Member> member(Class<?> c, String name) {
    for (Field f : c.getDeclaredFields()) {
      if (f.getName().equals(name)) {
        return Optional.of(f);
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 0) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private Object read(String attribute, java.lang.reflect.Member m, Class<?> expected, List<Object> instances,
      boolean staticOnly) {
    String what = attribute + " = \"" + m.getName() + "\" (" + m.getDeclaringClass().getSimpleName() + "."
        + m.getName() + ")";
    Object target = null;
    if (!Modifier.isStatic(m.getModifiers())) {
      if (staticOnly) {
        throw error(what + " is an instance member, but this worker is spawned before any test instance exists:"
            + " make it static");
      }
      target = instances.stream().filter(i -> m.getDeclaringClass().isInstance(i)).findFirst()
          .orElseThrow(() -> error(what + " is an instance member, but there is no instance of "
              + m.getDeclaringClass().getName() + " to read it from: make it static"));
    }
    Object value;
    try {
      if (m instanceof Field f) {
        f.setAccessible(true);
        value = f.get(target);
      } else {
        Method method = (Method) m;
        method.setAccessible(true);
        value = method.invoke(target);
      }
    } catch (InvocationTargetException e) {
      throw error(what + " threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException | RuntimeException e) {
      throw error("cannot read " + what + ": " + e, e);
    }
    if (value == null) {
      throw error(what + " is null");
    }
    if (!box(expected).isInstance(value)) {
      throw error(what + " is a " + value.getClass().getName() + ", not a " + expected.getName());
    }
    return value;
  }

  private static Class<?> box(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
  }

  private ExtensionConfigurationException error(String message) {
    return new ExtensionConfigurationException("@SpawnedWorker " + where + ": " + message);
  }

  private ExtensionConfigurationException error(String message, Throwable cause) {
    return new ExtensionConfigurationException("@SpawnedWorker " + where + ": " + message, cause);
  }
}
