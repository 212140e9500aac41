package io.rpcparallel.internal.gen;

import io.rpcparallel.Codec;
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
    this.holder = Objects.requireNonNull(holder);
    this.iface = Objects.requireNonNull(iface);
    this.fingerprint = Objects.requireNonNull(fingerprint);
    this.initClass = Objects.requireNonNull(initClass);
    this.initCodec = Objects.requireNonNull(initCodec);
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

  @Override
  public String toString() {
    return "WorkerType[" + interfaceName() + " " + fingerprint + "]";
  }
}
