package io.rpcparallel.processor.validate;

import io.rpcparallel.processor.Messages;
import io.rpcparallel.processor.model.AppModel;
import io.rpcparallel.processor.model.QualifiedName;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Validates an {@code @RpcParallelApp} class: it must have
 * {@code public static void main(String[])}.
 */
public final class AppValidator {
  private final Elements elements;
  private final Messager messager;

  public AppValidator(Elements elements, Messager messager) {
    this.elements = elements;
    this.messager = messager;
  }

  public Outcome<AppModel> validate(TypeElement type) {
    Reporter reporter = new Reporter(messager);
    Deque<String> simpleNames = new ArrayDeque<>();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      simpleNames.addFirst(e.getSimpleName().toString());
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(Messages.APP_NOT_VISIBLE, type);
      }
    }
    if (ElementFilter.methodsIn(type.getEnclosedElements()).stream().noneMatch(this::isMain)) {
      reporter.error(String.format(Messages.APP_WITHOUT_MAIN, String.join(".", simpleNames)),
          type);
    }
    boolean ok = !reporter.hasErrors();
    reporter.flush();
    if (!ok) {
      return new Outcome.Invalid<>();
    }
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    QualifiedName app = new QualifiedName(packageName, List.copyOf(simpleNames));
    return new Outcome.Valid<>(new AppModel(app));
  }

  private boolean isMain(ExecutableElement method) {
    if (!method.getSimpleName().contentEquals("main")
        || !method.getModifiers().containsAll(Set.of(Modifier.PUBLIC, Modifier.STATIC))
        || method.getReturnType().getKind() != TypeKind.VOID
        || method.getParameters().size() != 1) {
      return false;
    }
    TypeMirror parameter = method.getParameters().get(0).asType();
    if (parameter.getKind() != TypeKind.ARRAY) {
      return false;
    }
    TypeMirror component = ((ArrayType) parameter).getComponentType();
    return component.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) component).asElement()).getQualifiedName()
            .contentEquals("java.lang.String");
  }
}
