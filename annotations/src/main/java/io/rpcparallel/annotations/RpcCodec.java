package io.rpcparallel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends values of a type the processor cannot encode by itself with a codec written by hand.
 *
 * <p>Place it on the type (every use of the type, in every worker interface, takes the codec),
 * on a worker method's parameter, on a record component, or on a worker method for its result.
 * A codec on a parameter, component or method wins over one on the type.
 *
 * <p>{@link #value()} must be a class that implements {@code io.rpcparallel.Codec<T>} for
 * exactly the type it encodes (a non-generic type), is visible from the worker's package, and
 * has either a {@code public static final} field {@code INSTANCE} of its own type (used as is)
 * or a public no-argument constructor (called once, when the generated codecs class is
 * initialised). The processor checks all of this. A codec writes its own presence flag
 * ({@code WireOutput.writeNotNull}), so it decides how {@code null} travels.
 *
 * <p>The interface fingerprint covers the codec's class name, not what it writes: change the
 * codec's format and its class name together, or give both ends the same build.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface RpcCodec {
  /**
   * {@return the codec class} Typed {@code Class<?>} because this module does not depend on the runtime
   * where {@code Codec} lives; the processor checks that it implements it.
   */
  Class<?> value();
}
