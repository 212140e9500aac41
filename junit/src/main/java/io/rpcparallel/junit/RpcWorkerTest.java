package io.rpcparallel.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose tests use rpc-parallel workers: the same as
 * {@code @ExtendWith(RpcParallelExtension.class)}. Fields and parameters annotated
 * {@link SpawnedWorker} get connected clients of freshly spawned workers, and every test, and the
 * class as a whole, fails if it leaves a worker process, a connection, a log subscription or a
 * server started by {@code serve} behind.
 * See {@link RpcParallelExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(RpcParallelExtension.class)
public @interface RpcWorkerTest {}
