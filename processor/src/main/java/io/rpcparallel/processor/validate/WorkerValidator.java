package io.rpcparallel.processor.validate;

import io.rpcparallel.annotations.OnEventLoop;
import io.rpcparallel.annotations.OneWay;
import io.rpcparallel.annotations.RpcName;
import io.rpcparallel.annotations.RpcWorker;
import io.rpcparallel.processor.Messages;
import io.rpcparallel.processor.model.MethodKind;
import io.rpcparallel.processor.model.MethodModel;
import io.rpcparallel.processor.model.ParameterModel;
import io.rpcparallel.processor.model.QualifiedName;
import io.rpcparallel.processor.model.RuntimeTypes;
import io.rpcparallel.processor.model.Signatures;
import io.rpcparallel.processor.model.StreamModel;
import io.rpcparallel.processor.model.WireType;
import io.rpcparallel.processor.model.WorkerModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates an {@code @RpcWorker} element into a {@link WorkerModel}.
 *
 * <p>The remote methods are the abstract methods the interface declares; its default, static
 * and private methods are left alone. Super-interfaces are refused (with
 * {@link Messages#WORKER_EXTENDS}) rather than half supported: inherited methods would need
 * their type arguments substituted, and a method id must not change when a method moves
 * between interfaces.
 */
public final class WorkerValidator {
  /** Methods of the generated client that a worker method with no parameters would clash with. */
  private static final Set<String> CLIENT_MEMBERS = Set.of("close", "async", "control");

  private final Elements elements;
  private final Types types;
  private final Messager messager;

  public WorkerValidator(Elements elements, Types types, Messager messager) {
    this.elements = elements;
    this.types = types;
    this.messager = messager;
  }

  public Outcome<WorkerModel> validate(TypeElement type) {
    Reporter reporter = new Reporter(messager);
    try {
      Optional<WorkerModel> model = validate(type, reporter);
      reporter.flush();
      return model.isPresent() ? new Outcome.Valid<>(model.get()) : new Outcome.Invalid<>();
    } catch (MissingTypeException e) {
      return new Outcome.Deferred<>(e.type());
    }
  }

  private Optional<WorkerModel> validate(TypeElement type,
      Reporter reporter) {
    if (type.getKind() != ElementKind.INTERFACE) {
      reporter.error(String.format(Messages.WORKER_NOT_INTERFACE, describeKind(type.getKind())),
          type);
      return Optional.empty();
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(Messages.WORKER_GENERIC, type);
      return Optional.empty();
    }
    if (!type.getInterfaces().isEmpty()) {
      reporter.error(Messages.WORKER_EXTENDS, type);
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(Messages.WORKER_NOT_VISIBLE, type);
        break;
      }
    }

    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    TypeResolver resolver = new TypeResolver(elements, types, packageName);
    QualifiedName iface = resolver.qualifiedName(type);
    String ifaceName = iface.nestedName();

    Optional<WireType> init = argType(type, "init", Messages.WHERE_INIT, ifaceName, resolver, reporter);
    Optional<WireType> connectArg =
        argType(type, "connectArg", Messages.WHERE_CONNECT_ARG, ifaceName, resolver, reporter);

    AnnotationMirror onEventLoop = annotation(type, OnEventLoop.class.getCanonicalName());
    List<MethodModel> methods = new ArrayList<>();
    Map<Integer, ExecutableElement> byId = new HashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
        continue; // default, static and private methods run locally
      }
      Optional<MethodModel> model =
          method(method, ifaceName, onEventLoop != null, resolver, reporter);
      if (model.isEmpty()) {
        continue;
      }
      ExecutableElement first = byId.putIfAbsent(model.get().id(), method);
      if (first != null) {
        reporter.error(String.format(Messages.DUPLICATE_ID,
            describe(ifaceName, method), describe(ifaceName, first)), method);
        continue;
      }
      methods.add(model.get());
    }

    if (reporter.hasErrors()) {
      return Optional.empty();
    }
    var namedTypes = resolver.namedTypes();
    return Optional.of(new WorkerModel(iface, init, connectArg, methods,
        namedTypes, Signatures.fingerprint(iface, init, connectArg, methods, namedTypes)));
  }

  /**
   * The init type or the connect argument type, from {@code @RpcWorker(init = ...)} or
   * {@code (connectArg = ...)} ({@code member}); empty when it is {@code Void}.
   */
  private Optional<WireType> argType(TypeElement type, String member, String whereFormat,
      String ifaceName, TypeResolver resolver, Reporter reporter) {
    AnnotationMirror annotation = annotation(type, RpcWorker.class.getCanonicalName());
    AnnotationValue value = annotation == null ? null : value(annotation, member);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value.getValue() instanceof TypeMirror initType)) {
      // javac gives "<error>" for a class literal naming a type that does not exist.
      throw new MissingTypeException(value.toString());
    }
    if (initType.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) initType).asElement()).getQualifiedName()
            .contentEquals("java.lang.Void")) {
      return Optional.empty();
    }
    List<TypeResolver.Problem> problems = new ArrayList<>();
    Optional<WireType> init = resolver.resolve(initType, problems);
    String where = String.format(whereFormat, ifaceName);
    for (TypeResolver.Problem problem : problems) {
      reporter.error(problem.message(where), type, annotation, value);
    }
    return init;
  }

  /**
   * One remote method; empty if it had errors (reported).
   *
   * @param ifaceOnEventLoop whether the interface is annotated {@code @OnEventLoop}
   */
  private Optional<MethodModel> method(ExecutableElement method, String ifaceName,
      boolean ifaceOnEventLoop, TypeResolver resolver, Reporter reporter) {
    String name = method.getSimpleName().toString();
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(Messages.METHOD_GENERIC, method);
      return Optional.empty();
    }
    boolean ok = true;

    String wireName = name;
    AnnotationMirror rpcName = annotation(method, RpcName.class.getCanonicalName());
    if (rpcName != null) {
      AnnotationValue value = value(rpcName, "value");
      String text = value == null ? "" : String.valueOf(value.getValue());
      if (text.isBlank()) {
        reporter.error(Messages.EMPTY_RPC_NAME, method, rpcName, value);
        ok = false;
      }
      wireName = text;
    }

    if (CLIENT_MEMBERS.contains(name) && method.getParameters().isEmpty()) {
      reporter.error(String.format(Messages.CLIENT_MEMBER_CLASH, name), method);
      ok = false;
    }

    List<ParameterModel> parameters = new ArrayList<>();
    Optional<StreamModel> stream = Optional.empty();
    MethodKind streamKind = null;
    List<? extends VariableElement> javaParameters = method.getParameters();
    for (VariableElement parameter : javaParameters) {
      String parameterName = parameter.getSimpleName().toString();
      List<TypeResolver.Problem> problems = new ArrayList<>();
      String streamName = streamName(parameter.asType());
      if (streamName != null) {
        if (parameter != javaParameters.get(javaParameters.size() - 1)
            || !streamName.equals(PUBLISHER) && !streamName.equals(WRITER)) {
          reporter.error(String.format(Messages.STREAM_PARAMETER_NOT_LAST, parameter.asType()),
              parameter);
          ok = false;
          continue;
        }
        Optional<WireType> item = streamItem(parameter.asType(), 0, problems, resolver);
        for (TypeResolver.Problem problem : problems) {
          reporter.error(problem.message(
              String.format(Messages.WHERE_PARAMETER, parameterName, ifaceName, name)), parameter);
        }
        ok &= item.isPresent();
        streamKind = streamName.equals(WRITER) ? MethodKind.DIRECT_PIPE : MethodKind.REVERSE_PIPE;
        stream = item.map(t -> new StreamModel(t, Optional.of(parameterName)));
        continue;
      }
      Optional<WireType> type = resolver.resolve(parameter.asType(), parameter, problems);
      String where = String.format(Messages.WHERE_PARAMETER, parameterName, ifaceName, name);
      for (TypeResolver.Problem problem : problems) {
        reporter.error(problem.message(where), parameter);
      }
      ok &= type.isPresent();
      type.ifPresent(t -> parameters.add(new ParameterModel(parameterName, t)));
    }

    // The result: void, CompletableFuture<T> or a wire type.
    TypeMirror returnType = method.getReturnType();
    boolean oneWay = annotation(method, OneWay.class.getCanonicalName()) != null;
    MethodKind kind;
    Optional<WireType> result = Optional.empty();
    List<TypeResolver.Problem> problems = new ArrayList<>();
    String returnedStream = streamName(returnType);
    if (oneWay && streamKind != null) {
      reporter.error(Messages.ONE_WAY_STREAM, method);
      kind = MethodKind.ONE_WAY;
      ok = false;
    } else if (streamKind == MethodKind.DIRECT_PIPE && returnType.getKind() != TypeKind.VOID) {
      reporter.error(String.format(Messages.DIRECT_PIPE_NOT_VOID, returnType), method);
      kind = streamKind;
      ok = false;
    } else if (streamKind == MethodKind.REVERSE_PIPE
        && (returnedStream != null || isCompletableFuture(returnType))) {
      reporter.error(String.format(Messages.REVERSE_PIPE_RESULT, returnType), method);
      kind = streamKind;
      ok = false;
    } else if (streamKind != null) {
      kind = streamKind;
      if (returnType.getKind() != TypeKind.VOID) {
        result = resolver.resolve(returnType, method, problems);
      }
    } else if (returnedStream != null && !oneWay) {
      Optional<WireType> item;
      if (returnedStream.equals(STATE)) {
        kind = MethodKind.STATE;
        result = streamItem(returnType, 0, problems, resolver);
        item = streamItem(returnType, 1, problems, resolver);
      } else {
        kind = returnedStream.equals(PUBLISHER) ? MethodKind.PIPE : MethodKind.REVERSE_DIRECT_PIPE;
        item = streamItem(returnType, 0, problems, resolver);
      }
      stream = item.map(t -> new StreamModel(t, Optional.empty()));
    } else if (returnType.getKind() == TypeKind.VOID) {
      kind = oneWay ? MethodKind.ONE_WAY : MethodKind.BLOCKING;
    } else if (oneWay) {
      reporter.error(String.format(Messages.ONE_WAY_NOT_VOID, returnType), method);
      kind = MethodKind.ONE_WAY;
      ok = false;
    } else if (isCompletableFuture(returnType)) {
      kind = MethodKind.ASYNC;
      List<? extends TypeMirror> arguments = ((DeclaredType) returnType).getTypeArguments();
      if (arguments.isEmpty()) {
        problems.add(new TypeResolver.Problem(
            "CompletableFuture", returnType.toString(), Messages.FIX_RAW));
      } else if (!isVoid(arguments.get(0))) {
        result = resolver.resolve(arguments.get(0), method, "CompletableFuture[value]",
            problems);
      }
    } else {
      kind = MethodKind.BLOCKING;
      result = resolver.resolve(returnType, method, problems);
    }
    String where = String.format(Messages.WHERE_RESULT, ifaceName, name);
    for (TypeResolver.Problem problem : problems) {
      reporter.error(problem.message(where), method);
    }
    ok &= problems.isEmpty();

    AnnotationMirror onEventLoop = annotation(method, OnEventLoop.class.getCanonicalName());
    boolean streaming = streamKind != null || kind.streams();
    if (streaming && onEventLoop != null) {
      reporter.error(Messages.ON_EVENT_LOOP_STREAM, method, onEventLoop, null);
      ok = false;
    } else if (streaming && ifaceOnEventLoop) {
      reporter.error(String.format(Messages.ON_EVENT_LOOP_INTERFACE_STREAM, ifaceName), method);
      ok = false;
    }

    if (!ok) {
      return Optional.empty();
    }
    List<String> erasedParameters = method.getParameters().stream()
        .map(p -> erasedName(p.asType()))
        .toList();
    // The throws clause is not modelled: a remote failure reaches the caller as an unchecked
    // RemoteException, so the generated client declares no checked exception.
    return Optional.of(new MethodModel(name, wireName, erasedParameters,
        Signatures.methodId(wireName, erasedParameters), kind, parameters, result,
        method.isVarArgs(), stream, onEventLoop != null || ifaceOnEventLoop));
  }

  private static final String PUBLISHER = "java.util.concurrent.Flow.Publisher";
  private static final String WRITER = RuntimeTypes.STREAM_WRITER.canonicalName();
  private static final String STATE = RuntimeTypes.STATE_STREAM.canonicalName();

  /** The qualified name of a stream type (publisher, writer, state stream), or null. */
  private static String streamName(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    String name = ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    return name.equals(PUBLISHER) || name.equals(WRITER) || name.equals(STATE) ? name : null;
  }

  /** Type argument {@code index} of a stream type, resolved as a wire type. */
  private static Optional<WireType> streamItem(TypeMirror type, int index,
      List<TypeResolver.Problem> problems, TypeResolver resolver) {
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    String simple = ((DeclaredType) type).asElement().getSimpleName().toString();
    if (arguments.isEmpty()) {
      problems.add(new TypeResolver.Problem(simple, type.toString(), Messages.FIX_RAW));
      return Optional.empty();
    }
    String role = !STATE.equals(streamName(type)) ? "item" : index == 0 ? "initial" : "update";
    return resolver.resolve(arguments.get(index), simple + "[" + role + "]", problems);
  }

  private static boolean isCompletableFuture(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals("java.util.concurrent.CompletableFuture");
  }

  private static boolean isVoid(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals("java.lang.Void");
  }

  /** The canonical name of a type's erasure, as method ids cover it. */
  private String erasedName(TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    return switch (erased.getKind()) {
      case ARRAY -> erasedName(((ArrayType) erased).getComponentType()) + "[]";
      case DECLARED -> ((TypeElement) ((DeclaredType) erased).asElement()).getQualifiedName()
          .toString();
      default -> erased.toString();
    };
  }

  /** {@code Counter.add(long, Job)}, for messages. */
  private static String describe(String ifaceName, ExecutableElement method) {
    return ifaceName + "." + method.getSimpleName() + method.getParameters().stream()
        .map(p -> simpleTypeName(p.asType()))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static String simpleTypeName(TypeMirror type) {
    return switch (type.getKind()) {
      case DECLARED -> ((DeclaredType) type).asElement().getSimpleName().toString();
      case ARRAY -> simpleTypeName(((ArrayType) type).getComponentType()) + "[]";
      default -> type.toString();
    };
  }

  private static String describeKind(ElementKind kind) {
    return switch (kind) {
      case CLASS -> "a class";
      case ENUM -> "an enum";
      case RECORD -> "a record";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> kind.toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static AnnotationMirror annotation(Element element, String annotationName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(annotationName)) {
        return mirror;
      }
    }
    return null;
  }

  /** The value given explicitly for {@code name}, or null. */
  private static AnnotationValue value(AnnotationMirror mirror, String name) {
    for (var entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
