package io.rpcparallel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} worker method as one-way: the caller returns as soon as the call is
 * sent and gets no reply. An exception thrown by the worker is logged there, not returned.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OneWay {}
