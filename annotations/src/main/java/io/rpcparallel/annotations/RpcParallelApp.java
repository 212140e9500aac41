package io.rpcparallel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the class holding a program's {@code public static void main(String[])}.
 *
 * <p>For a class {@code App} the processor generates {@code AppRpcParallelMain}, the program's
 * real entry point: run with the worker command arguments it becomes a worker server and never
 * runs user code; otherwise it calls {@code App.main}. Launch the program through the generated
 * class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RpcParallelApp {}
