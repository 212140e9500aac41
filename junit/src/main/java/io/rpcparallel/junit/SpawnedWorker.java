package io.rpcparallel.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A worker that {@link RpcParallelExtension} spawns, connects to and ends for a test.
 *
 * <p>Put it on a field or a parameter whose type is the generated client {@code XClient} of an
 * {@code @RpcWorker} interface {@code X}, or {@code X} itself. The extension spawns a worker of
 * {@link #impl()} with {@code XRpc.spawnAndConnect} and injects the client:
 * <ul>
 *   <li>a {@code static} field: once for the test class, before its {@code @BeforeAll} methods;
 *       the worker ends after its {@code @AfterAll} methods;
 *   <li>an instance field: anew for each test, before its {@code @BeforeEach} methods; the worker
 *       ends after its {@code @AfterEach} methods;
 *   <li>a parameter of a test method, a {@code @BeforeEach} or an {@code @AfterEach} method: a
 *       worker of its own, ended after the test's {@code @AfterEach} methods; a parameter of a
 *       {@code @BeforeAll} or {@code @AfterAll} method: one ended after the class. Constructor
 *       parameters are not supported.
 * </ul>
 * Ending a worker closes its client; a worker whose {@link io.rpcparallel.SpawnOptions#shutdownOn()}
 * is not {@code CONNECTION_CLOSED} is asked to shut down first (over a new connection if the test
 * closed the client itself). The extension then waits for it to exit, and fails the test (or the
 * class) if it does not.
 *
 * <p>{@link #init()}, {@link #options()} and {@link #connectArg()} name a field or a method with
 * no parameters of the test class (or of a superclass, or of an enclosing class of a
 * {@code @Nested} one) that gives the value: a {@code static} one for a {@code static} field or a
 * {@code @BeforeAll} / {@code @AfterAll} parameter, either kind otherwise (read from the test
 * instance). A method is called once per worker.
 *
 * <pre>{@code
 * @RpcWorkerTest
 * class CounterTest {
 *   @SpawnedWorker(impl = CounterImpl.class, init = "start")
 *   CounterClient counter;                       // a new worker for each test
 *
 *   static CounterConfig start() { return new CounterConfig(7); }
 *
 *   @Test
 *   void adds() { assertEquals(10, counter.add(3)); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface SpawnedWorker {
  /** {@return the implementation the worker runs: a class implementing the worker interface} */
  Class<?> impl();

  /**
   * {@return the worker's name, as {@code SpawnOptions.withName} takes it} It replaces a name
   * given in {@link #options()}. Empty (the default) for the name in the options if they have
   * one, else the field's name, or the parameter's name where the class was compiled with
   * {@code -parameters} (else none).
   */
  String name() default "";

  /**
   * {@return the field or method giving the worker's init argument} Required when the interface
   * declares one ({@code @RpcWorker(init = ...)}), not allowed otherwise.
   */
  String init() default "";

  /**
   * {@return the field or method giving the worker's {@link io.rpcparallel.SpawnOptions}} Empty
   * (the default) for {@link io.rpcparallel.SpawnOptions#defaults()}.
   */
  String options() default "";

  /**
   * {@return the field or method giving the first connection's argument} Required when the
   * interface declares one ({@code @RpcWorker(connectArg = ...)}), not allowed otherwise.
   */
  String connectArg() default "";
}
