package io.rpcparallel.internal.gen;

import io.rpcparallel.Codec;
import io.rpcparallel.Codecs;
import io.rpcparallel.ConnectionStateFactory;
import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import java.util.Objects;

/**
 * What the runtime knows of one {@code @RpcWorker} interface. Generated as the {@code TYPE}
 * constant of {@code XRpc}; for generated code only.
 *
 * @param <X> the worker interface
 * @param <I> the init argument's type ({@code Void} when there is none)
 */
public abstract class WorkerType<X, I> {
  private final Class<?> holder;
  private final Class<X> iface;
  private final String fingerprint;
  private final Class<I> initClass;
  private final Codec<I> initCodec;
  private final Class<?> connectArgClass;
  private final Codec<?> connectArgCodec;

  /**
   * @param holder the generated class whose public static field {@code TYPE} holds this instance;
   *     a worker process finds the type through it
   * @param iface the worker interface
   * @param fingerprint a digest of the interface's method ids and the shapes of its wire types
   * @param initClass the init argument's class ({@code Void.class} when there is none)
   * @param initCodec the init argument's codec
   */
  protected WorkerType(Class<?> holder, Class<X> iface, String fingerprint, Class<I> initClass,
      Codec<I> initCodec) {
    this(holder, iface, fingerprint, initClass, initCodec, Void.class, Codecs.VOID);
  }

  /**
   * The type of an interface with a connect argument: each connection's state is built from one
   * by the implementation, a {@link ConnectionStateFactory}.
   *
   * @param connectArgClass the connect argument's class ({@code Void.class} when there is none)
   * @param connectArgCodec the connect argument's codec
   */
  protected <A> WorkerType(Class<?> holder, Class<X> iface, String fingerprint, Class<I> initClass,
      Codec<I> initCodec, Class<A> connectArgClass, Codec<A> connectArgCodec) {
    this.holder = Objects.requireNonNull(holder);
    this.iface = Objects.requireNonNull(iface);
    this.fingerprint = Objects.requireNonNull(fingerprint);
    this.initClass = Objects.requireNonNull(initClass);
    this.initCodec = Objects.requireNonNull(initCodec);
    this.connectArgClass = Objects.requireNonNull(connectArgClass);
    this.connectArgCodec = Objects.requireNonNull(connectArgCodec);
  }

  private volatile java.util.Map<Integer, String> methodNames;

  /**
   * How errors name method {@code methodId}: {@code Interface.method}, or its id in hex if the
   * interface has no such method.
   */
  public final String methodName(int methodId) {
    java.util.Map<Integer, String> names = methodNames;
    if (names == null) {
      names = methodNames = readMethodNames();
    }
    String name = names.get(methodId);
    return name != null ? name : String.format("%s method 0x%08x", iface.getSimpleName(), methodId);
  }

  /** The generated holder names each method's id with a constant: the method's name in UPPER_SNAKE. */
  private java.util.Map<Integer, String> readMethodNames() {
    java.util.Map<String, String> byConstant = new java.util.HashMap<>();
    for (java.lang.reflect.Method m : iface.getMethods()) {
      byConstant.putIfAbsent(m.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT),
          m.getName());
    }
    java.util.Map<Integer, String> names = new java.util.HashMap<>();
    for (java.lang.reflect.Field f : holder.getDeclaredFields()) {
      int mod = f.getModifiers();
      if (f.getType() == int.class && java.lang.reflect.Modifier.isStatic(mod) && java.lang.reflect.Modifier.isFinal(mod)) {
        try {
          f.setAccessible(true);
          String constant = f.getName();
          String method = constant;
          int best = -1;
          for (var e : byConstant.entrySet()) {
            // Overloads add their parameter types: ADD_LONG_INT is add(long, int).
            String k = e.getKey();
            if ((constant.equals(k) || constant.startsWith(k + "_")) && k.length() > best) {
              best = k.length();
              method = e.getValue();
            }
          }
          names.put(f.getInt(null), iface.getSimpleName() + "." + method);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // Unreadable constant: that method is named by its id.
        }
      }
    }
    return java.util.Map.copyOf(names);
  }

  /** Builds the worker-side dispatcher that calls {@code implementation}. */
  public abstract Dispatcher dispatcher(X implementation);

  public final Class<?> holder() {
    return holder;
  }

  public final Class<X> iface() {
    return iface;
  }

  /** The interface's canonical name, as shown in messages. */
  public final String interfaceName() {
    return iface.getCanonicalName();
  }

  public final String fingerprint() {
    return fingerprint;
  }

  public final Class<I> initClass() {
    return initClass;
  }

  public final Codec<I> initCodec() {
    return initCodec;
  }

  /** Whether each connection carries a state built from a connect argument. */
  public final boolean hasConnectArg() {
    return connectArgClass != Void.class;
  }

  /** The connect argument's class ({@code Void.class} when there is none). */
  public final Class<?> connectArgClass() {
    return connectArgClass;
  }

  /** Writes a connect argument (the generated signatures make sure it is of the right type). */
  @SuppressWarnings("unchecked")
  public final void encodeConnectArg(WireOutput out, Object arg) {
    ((Codec<Object>) connectArgCodec).encode(out, arg);
  }

  /**
   * Builds a connection's state: decodes the connect argument and hands it to the
   * implementation's {@link ConnectionStateFactory#connect}. Never returns null.
   */
  public final Object connectionState(Object implementation, WireInput in) throws Exception {
    Object arg = connectArgCodec.decode(in);
    if (!(implementation instanceof ConnectionStateFactory<?, ?> factory)) {
      throw new IllegalStateException(implementation.getClass().getName() + " does not implement "
          + ConnectionStateFactory.class.getName() + ", which " + interfaceName() + " (connectArg = "
          + connectArgClass.getName() + ") needs to build its connection state");
    }
    @SuppressWarnings("unchecked")
    Object state = ((ConnectionStateFactory<Object, ?>) factory).connect(arg);
    if (state == null) {
      throw new NullPointerException(implementation.getClass().getName() + ".connect returned null:"
          + " a connection state must not be null");
    }
    return state;
  }

  @Override
  public String toString() {
    return "WorkerType[" + interfaceName() + " " + fingerprint + "]";
  }
}
