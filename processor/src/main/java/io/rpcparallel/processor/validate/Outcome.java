package io.rpcparallel.processor.validate;

/**
 * What validating one annotated type gave: a model, errors (already reported), or a wait for a
 * type that another processor may still generate.
 */
public sealed interface Outcome<T> {
  /** The type is valid. */
  record Valid<T>(T model) implements Outcome<T> {}

  /** The type had errors; they were reported. Generate nothing for it. */
  record Invalid<T>() implements Outcome<T> {}

  /**
   * The type refers to {@code missingType}, which does not exist (yet). Nothing was reported;
   * validate it again in the next round.
   */
  record Deferred<T>(String missingType) implements Outcome<T> {}
}
