package io.rpcparallel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a worker method a fixed wire name. A method's wire id is derived from its wire name
 * and parameter types; by default the wire name is the Java name. Set it to keep a method's
 * id stable across a rename, or to tell apart two methods whose ids would otherwise collide.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface RpcName {
  /** {@return the wire name; must be non-empty} */
  String value();
}
