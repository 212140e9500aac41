package io.rpcparallel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose methods run in worker processes.
 *
 * <p>For an interface {@code X} the rpc-parallel processor generates, in the same package:
 * {@code XRpc} (spawn, connect, serve), {@code XClient} (the blocking stub, which implements
 * {@code X}), {@code XAsync} (every method returns a {@code CompletableFuture}),
 * {@code XDispatcher} (the worker side) and {@code XCodecs} (the wire codecs).
 *
 * <p>An implementation of {@code X} is built once in each worker, from the init argument given
 * at spawn time: it must have a public constructor taking {@link #init()} (or a public no-argument
 * constructor when {@code init} is left as {@code Void}). That object is the worker state, shared
 * by every connection to the worker.
 *
 * <p>With a {@link #connectArg()}, each connection also has its own state: the implementation
 * implements {@code io.rpcparallel.ConnectionStateFactory<A, S>}, whose {@code connect(A)} builds
 * it from the argument the client gives to {@code XRpc.connect(worker, arg)}, and the worker's
 * methods read it with {@code ConnectionContext.state(S.class)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RpcWorker {
  /**
   * {@return the type of the argument each worker's implementation is built from} It must be a wire type.
   * {@code Void} (the default) means the implementation has a no-argument constructor.
   */
  Class<?> init() default Void.class;

  /**
   * {@return the type of the argument each connection's state is built from} It must be a wire type.
   * {@code Void} (the default) means connections have no state of their own.
   */
  Class<?> connectArg() default Void.class;
}
