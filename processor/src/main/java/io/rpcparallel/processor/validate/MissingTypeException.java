package io.rpcparallel.processor.validate;

/** Thrown while walking a type that refers to a type which does not exist (yet). */
final class MissingTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MissingTypeException(String type) {
    super(type, null, false, false);
  }

  String type() {
    return getMessage();
  }
}
