package io.rpcparallel.processor.validate;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Collects the errors of one annotated type. They are printed by {@link #flush()} only once the
 * type is done, so that a type deferred to the next round reports nothing twice.
 */
final class Reporter {
  private record Error(String message, Element element, AnnotationMirror annotation,
      AnnotationValue value) {}

  private final Messager messager;
  private final List<Error> errors = new ArrayList<>();

  Reporter(Messager messager) {
    this.messager = messager;
  }

  void error(String message, Element element) {
    errors.add(new Error(message, element, null, null));
  }

  /** An error on an annotation of {@code element}, or on one of its values if not null. */
  void error(String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
    errors.add(new Error(message, element, annotation, value));
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  void flush() {
    for (Error e : errors) {
      if (e.annotation() == null) {
        messager.printMessage(Diagnostic.Kind.ERROR, e.message(), e.element());
      } else if (e.value() == null) {
        messager.printMessage(Diagnostic.Kind.ERROR, e.message(), e.element(), e.annotation());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, e.message(), e.element(), e.annotation(),
            e.value());
      }
    }
    errors.clear();
  }
}
