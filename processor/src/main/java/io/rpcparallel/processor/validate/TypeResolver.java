package io.rpcparallel.processor.validate;

import io.rpcparallel.annotations.RpcCodec;
import io.rpcparallel.processor.Messages;
import io.rpcparallel.processor.model.ComponentModel;
import io.rpcparallel.processor.model.EnumModel;
import io.rpcparallel.processor.model.NamedType;
import io.rpcparallel.processor.model.PrimitiveKind;
import io.rpcparallel.processor.model.QualifiedName;
import io.rpcparallel.processor.model.RecordModel;
import io.rpcparallel.processor.model.RuntimeTypes;
import io.rpcparallel.processor.model.SealedModel;
import io.rpcparallel.processor.model.WireType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
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
 * Resolves the types of one worker interface to {@link WireType}s, collecting the records, enums
 * and sealed interfaces it reaches. A type that cannot travel gives a {@link Problem} naming the
 * path to it.
 */
final class TypeResolver {
  /**
   * One type that cannot travel.
   *
   * @param pattern the message: {@link Messages#UNSUPPORTED_TYPE} or another with the same
   *     arguments (where, path, type, detail)
   * @param path how it is reached from the root, e.g. {@code Job.children[element].lock}
   * @param type the bad type as written
   * @param detail the fix (one of the {@code Messages.FIX_} constants), or what the pattern
   *     names besides the type
   */
  record Problem(String pattern, String path, String type, String detail) {
    Problem(String path, String type, String fix) {
      this(Messages.UNSUPPORTED_TYPE, path, type, fix);
    }

    String message(String where) {
      return String.format(pattern, where, path, type, detail);
    }
  }

  static final String RPC_CODEC = RpcCodec.class.getCanonicalName();
  private static final String CODEC = RuntimeTypes.CODEC.canonicalName();
  private static final String WORKER = RuntimeTypes.WORKER.canonicalName();

  private static final Map<String, PrimitiveKind> BOXES = Map.of(
      "java.lang.Boolean", PrimitiveKind.BOOLEAN,
      "java.lang.Byte", PrimitiveKind.BYTE,
      "java.lang.Short", PrimitiveKind.SHORT,
      "java.lang.Character", PrimitiveKind.CHAR,
      "java.lang.Integer", PrimitiveKind.INT,
      "java.lang.Long", PrimitiveKind.LONG,
      "java.lang.Float", PrimitiveKind.FLOAT,
      "java.lang.Double", PrimitiveKind.DOUBLE);

  /** JDK value types with a standard codec, and its constant in {@code Codecs}. */
  private static final Map<String, String> STANDARD = Map.ofEntries(
      Map.entry("java.math.BigInteger", "BIG_INTEGER"),
      Map.entry("java.math.BigDecimal", "BIG_DECIMAL"),
      Map.entry("java.util.UUID", "UUID"),
      Map.entry("java.time.Instant", "INSTANT"),
      Map.entry("java.time.Duration", "DURATION"),
      Map.entry("java.time.LocalDate", "LOCAL_DATE"),
      Map.entry("java.time.LocalDateTime", "LOCAL_DATE_TIME"),
      Map.entry("java.time.ZonedDateTime", "ZONED_DATE_TIME"),
      Map.entry("java.nio.ByteBuffer", "BYTE_BUFFER"),
      Map.entry("java.util.OptionalInt", "OPTIONAL_INT"),
      Map.entry("java.util.OptionalLong", "OPTIONAL_LONG"),
      Map.entry("java.util.OptionalDouble", "OPTIONAL_DOUBLE"));

  private static final Set<String> FUTURES = Set.of(
      "java.util.concurrent.CompletableFuture",
      "java.util.concurrent.CompletionStage",
      "java.util.concurrent.Future");

  private final Elements elements;
  private final Types types;
  private final String fromPackage;
  /** Records, enums and sealed interfaces resolved without a problem, by reference shape. */
  private final Map<String, NamedType> resolved = new TreeMap<>();
  /**
   * Records and sealed interfaces being resolved, by name, with the reference shape: a
   * reference back to one of them is a recursive type.
   */
  private final Map<QualifiedName, String> inProgress = new HashMap<>();

  TypeResolver(Elements elements, Types types, String fromPackage) {
    this.elements = elements;
    this.types = types;
    this.fromPackage = fromPackage;
  }

  /**
   * Resolves {@code type}, adding to {@code problems} every part of it that cannot travel.
   *
   * @throws MissingTypeException if it refers to a type that does not exist
   */
  Optional<WireType> resolve(TypeMirror type, List<Problem> problems) {
    return walk(type, rootName(type), problems);
  }

  /** Like {@link #resolve}, for a type reached at {@code path} (e.g. a future's value). */
  Optional<WireType> resolve(TypeMirror type, String path, List<Problem> problems) {
    return walk(type, path, problems);
  }

  /**
   * Like {@link #resolve}, for the type of {@code annotated} (a parameter, or a method for its
   * result): its own {@code @RpcCodec}, if it has one, wins.
   */
  Optional<WireType> resolve(TypeMirror type, Element annotated, List<Problem> problems) {
    return resolve(type, annotated, rootName(type), problems);
  }

  /** Like {@link #resolve(TypeMirror, Element, List)}, for a type reached at {@code path}. */
  Optional<WireType> resolve(TypeMirror type, Element annotated, String path,
      List<Problem> problems) {
    AnnotationMirror codec = WorkerValidator.annotation(annotated, RPC_CODEC);
    return codec != null ? custom(type, codec, path, problems) : walk(type, path, problems);
  }

  /** Every record, enum and sealed interface resolved so far, sorted by reference. */
  List<NamedType> namedTypes() {
    return List.copyOf(resolved.values());
  }

  private Optional<WireType> walk(TypeMirror type, String path, List<Problem> problems) {
    switch (type.getKind()) {
      case BOOLEAN: return primitive(PrimitiveKind.BOOLEAN);
      case BYTE: return primitive(PrimitiveKind.BYTE);
      case SHORT: return primitive(PrimitiveKind.SHORT);
      case CHAR: return primitive(PrimitiveKind.CHAR);
      case INT: return primitive(PrimitiveKind.INT);
      case LONG: return primitive(PrimitiveKind.LONG);
      case FLOAT: return primitive(PrimitiveKind.FLOAT);
      case DOUBLE: return primitive(PrimitiveKind.DOUBLE);
      case ARRAY:
        return array((ArrayType) type, path, problems);
      case DECLARED:
        return declared((DeclaredType) type, path, problems);
      case ERROR:
        throw new MissingTypeException(type.toString());
      case TYPEVAR:
        return problem(problems, path, type, Messages.FIX_TYPE_VARIABLE);
      case WILDCARD:
        return problem(problems, path, type, Messages.FIX_WILDCARD);
      default:
        return problem(problems, path, type, Messages.FIX_NOT_WIRE);
    }
  }

  private Optional<WireType> array(ArrayType type, String path, List<Problem> problems) {
    TypeMirror component = type.getComponentType();
    if (component.getKind() == TypeKind.ERROR) {
      throw new MissingTypeException(component.toString());
    }
    if (component.getKind().isPrimitive()) {
      PrimitiveKind kind = ((WireType.Primitive) walk(component, path, problems).orElseThrow())
          .kind();
      return Optional.of(kind == PrimitiveKind.BYTE ? new WireType.ByteArray()
          : new WireType.PrimitiveArray(kind));
    }
    if (component.getKind() == TypeKind.DECLARED
        && !((DeclaredType) component).getTypeArguments().isEmpty()) {
      return problem(problems, path, type, Messages.FIX_GENERIC_ARRAY);
    }
    String elementPath = path + "[element]";
    List<Problem> elementProblems = new ArrayList<>();
    Optional<WireType> element = walk(component, elementPath, elementProblems);
    for (Problem p : elementProblems) {
      // The element type itself cannot travel: say so about the array, where the user looks.
      boolean itself = p.path().equals(elementPath) && p.pattern().equals(Messages.UNSUPPORTED_TYPE);
      problems.add(itself
          ? new Problem(Messages.UNSUPPORTED_ARRAY_ELEMENT, path, p.type(), p.detail()) : p);
    }
    return element.map(WireType.ArrayOf::new);
  }

  private Optional<WireType> declared(DeclaredType type, String path, List<Problem> problems) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    AnnotationMirror codec = WorkerValidator.annotation(element, RPC_CODEC);
    if (codec != null) {
      return custom(type, codec, path, problems);
    }
    PrimitiveKind box = BOXES.get(name);
    if (box != null) {
      return Optional.of(new WireType.Boxed(box));
    }
    String standard = STANDARD.get(name);
    if (standard != null) {
      return Optional.of(new WireType.Standard(qualifiedName(element), standard));
    }
    switch (name) {
      case "java.lang.String":
        return Optional.of(new WireType.Text());
      case "java.util.List":
        return typeArguments(type, path, problems, List.of("[element]"))
            .map(args -> new WireType.ListOf(args.get(0)));
      case "java.util.Set":
        return typeArguments(type, path, problems, List.of("[element]"))
            .map(args -> new WireType.SetOf(args.get(0)));
      case "java.util.SortedSet":
        return comparableFirst(type, path + "[element]", problems)
            .flatMap(ok -> typeArguments(type, path, problems, List.of("[element]")))
            .map(args -> new WireType.SortedSetOf(args.get(0)));
      case "java.util.Map":
        return typeArguments(type, path, problems, List.of("[key]", "[value]"))
            .map(args -> new WireType.MapOf(args.get(0), args.get(1)));
      case "java.util.SortedMap":
        return comparableFirst(type, path + "[key]", problems)
            .flatMap(ok -> typeArguments(type, path, problems, List.of("[key]", "[value]")))
            .map(args -> new WireType.SortedMapOf(args.get(0), args.get(1)));
      case "java.util.Optional":
        return typeArguments(type, path, problems, List.of("[value]"))
            .map(args -> new WireType.OptionalOf(args.get(0)));
      default:
        break;
    }
    if (name.equals(WORKER)) {
      return worker(type, path, problems);
    }
    if (FUTURES.contains(name)) {
      return problem(problems, path, type, Messages.FIX_FUTURE);
    }
    if (element.getKind() == ElementKind.ENUM) {
      return visible(element) ? Optional.of(enumType(element))
          : problem(problems, path, type, Messages.FIX_NOT_VISIBLE);
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (!visible(element)) {
        return problem(problems, path, type, Messages.FIX_NOT_VISIBLE);
      }
      if (type.getTypeArguments().size() != element.getTypeParameters().size()) {
        return problem(problems, path, type, Messages.FIX_RAW);
      }
      return record(type, path, problems);
    }
    if (element.getKind() == ElementKind.INTERFACE) {
      if (!element.getModifiers().contains(Modifier.SEALED)) {
        return problem(problems, path, type, Messages.FIX_NOT_SEALED);
      }
      if (!visible(element)) {
        return problem(problems, path, type, Messages.FIX_NOT_VISIBLE);
      }
      if (!element.getTypeParameters().isEmpty()) {
        return problem(problems, path, type, Messages.FIX_GENERIC_SEALED);
      }
      return sealed(element, path, problems);
    }
    return problem(problems, path, type, Messages.FIX_NOT_WIRE);
  }

  /** The resolved type arguments of a collection; empty if one had a problem. */
  private Optional<List<WireType>> typeArguments(DeclaredType type, String path,
      List<Problem> problems, List<String> steps) {
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (arguments.size() != steps.size()) {
      return problem(problems, path, type, Messages.FIX_RAW);
    }
    List<WireType> resolvedArguments = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < steps.size(); i++) {
      Optional<WireType> argument = walk(arguments.get(i), path + steps.get(i), problems);
      ok &= argument.isPresent();
      argument.ifPresent(resolvedArguments::add);
    }
    return ok ? Optional.of(resolvedArguments) : Optional.empty();
  }

  /** Checks that the first type argument (a sorted set's element, a sorted map's key) sorts. */
  private Optional<Boolean> comparableFirst(DeclaredType type, String path,
      List<Problem> problems) {
    if (type.getTypeArguments().isEmpty()) {
      return Optional.of(true); // raw: typeArguments reports it
    }
    TypeMirror first = type.getTypeArguments().get(0);
    TypeMirror comparable = types.erasure(
        elements.getTypeElement("java.lang.Comparable").asType());
    if (first.getKind() == TypeKind.DECLARED && !types.isAssignable(first, comparable)) {
      return problem(problems, path, first, Messages.FIX_NOT_COMPARABLE);
    }
    return Optional.of(true);
  }

  private Optional<WireType> worker(DeclaredType type, String path, List<Problem> problems) {
    if (type.getTypeArguments().size() != 1) {
      return problem(problems, path, type, Messages.FIX_RAW);
    }
    TypeMirror argument = type.getTypeArguments().get(0);
    if (argument.getKind() == TypeKind.ERROR) {
      throw new MissingTypeException(argument.toString());
    }
    if (argument.getKind() != TypeKind.DECLARED
        || ((DeclaredType) argument).asElement().getKind() != ElementKind.INTERFACE
        || !((DeclaredType) argument).getTypeArguments().isEmpty()) {
      return problem(problems, path, type, Messages.FIX_WORKER_TYPE);
    }
    return Optional.of(new WireType.WorkerRef(
        qualifiedName((TypeElement) ((DeclaredType) argument).asElement())));
  }

  private WireType enumType(TypeElement element) {
    QualifiedName name = qualifiedName(element);
    WireType reference = new WireType.EnumRef(name);
    resolved.computeIfAbsent(reference.shape(), k -> new EnumModel(name,
        element.getEnclosedElements().stream()
            .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
            .map(e -> e.getSimpleName().toString())
            .toList()));
    return reference;
  }

  private Optional<WireType> record(DeclaredType type, String path, List<Problem> problems) {
    TypeElement element = (TypeElement) type.asElement();
    QualifiedName name = qualifiedName(element);
    // Type arguments first: a component of type T is then known to travel.
    List<WireType> arguments = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < type.getTypeArguments().size(); i++) {
      String parameter = element.getTypeParameters().get(i).getSimpleName().toString();
      Optional<WireType> argument =
          walk(type.getTypeArguments().get(i), path + "<" + parameter + ">", problems);
      ok &= argument.isPresent();
      argument.ifPresent(arguments::add);
    }
    if (!ok) {
      return Optional.empty();
    }
    WireType reference = new WireType.RecordRef(name, arguments);
    String key = reference.shape();
    String outer = inProgress.get(name);
    if (outer != null && !outer.equals(key)) {
      problems.add(new Problem(Messages.CYCLE, path, outer, key));
      return Optional.empty();
    }
    if (resolved.containsKey(key) || outer != null) {
      return Optional.of(reference);
    }
    inProgress.put(name, key);
    try {
      List<ComponentModel> components = new ArrayList<>();
      for (RecordComponentElement component : element.getRecordComponents()) {
        String componentName = component.getSimpleName().toString();
        ExecutableElement accessor = component.getAccessor();
        TypeMirror componentType =
            ((javax.lang.model.type.ExecutableType) types.asMemberOf(type, accessor))
                .getReturnType();
        String componentPath = path + "." + componentName;
        AnnotationMirror codec = WorkerValidator.annotation(component, RPC_CODEC);
        Optional<WireType> resolvedType = codec != null
            ? custom(componentType, codec, componentPath, problems)
            : walk(componentType, componentPath, problems);
        ok &= resolvedType.isPresent();
        resolvedType.ifPresent(t -> components.add(new ComponentModel(componentName, t)));
      }
      if (!ok) {
        return Optional.empty();
      }
      resolved.put(key, new RecordModel(name, arguments, components));
      return Optional.of(reference);
    } finally {
      inProgress.remove(name);
    }
  }

  private Optional<WireType> sealed(TypeElement element, String path, List<Problem> problems) {
    QualifiedName name = qualifiedName(element);
    WireType reference = new WireType.SealedRef(name);
    String key = reference.shape();
    if (resolved.containsKey(key) || inProgress.containsKey(name)) {
      return Optional.of(reference);
    }
    inProgress.put(name, key);
    try {
      List<WireType> alternatives = new ArrayList<>();
      boolean ok = true;
      for (TypeMirror permitted : element.getPermittedSubclasses()) {
        if (permitted.getKind() == TypeKind.ERROR) {
          throw new MissingTypeException(permitted.toString());
        }
        TypeElement subtype = (TypeElement) ((DeclaredType) permitted).asElement();
        ElementKind kind = subtype.getKind();
        boolean sealedInterface = kind == ElementKind.INTERFACE
            && subtype.getModifiers().contains(Modifier.SEALED);
        if (!(kind == ElementKind.RECORD || kind == ElementKind.ENUM || sealedInterface)
            || !subtype.getTypeParameters().isEmpty()) {
          problems.add(new Problem(Messages.SEALED_BAD_SUBTYPE, path, name.canonicalName(),
              permitted.toString()));
          ok = false;
          continue;
        }
        Optional<WireType> alternative =
            walk(types.erasure(permitted), path + "[" + subtype.getSimpleName() + "]", problems);
        ok &= alternative.isPresent();
        alternative.ifPresent(alternatives::add);
      }
      if (!ok) {
        return Optional.empty();
      }
      resolved.put(key, new SealedModel(name, alternatives));
      return Optional.of(reference);
    } finally {
      inProgress.remove(name);
    }
  }

  /** A type with an {@code @RpcCodec}: checks the codec class, see {@code RpcCodec}. */
  private Optional<WireType> custom(TypeMirror type, AnnotationMirror annotation, String path,
      List<Problem> problems) {
    AnnotationValue value = annotation.getElementValues().entrySet().stream()
        .filter(e -> e.getKey().getSimpleName().contentEquals("value"))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    if (value == null || !(value.getValue() instanceof DeclaredType codecType)) {
      throw new MissingTypeException(value == null ? "@RpcCodec value" : value.toString());
    }
    if (type.getKind() != TypeKind.DECLARED
        || !((DeclaredType) type).getTypeArguments().isEmpty()) {
      return problem(problems, path, type, Messages.FIX_GENERIC_CODEC);
    }
    TypeElement codecInterface = elements.getTypeElement(CODEC);
    if (codecInterface == null) {
      throw new MissingTypeException(CODEC);
    }
    TypeElement codecClass = (TypeElement) codecType.asElement();
    String codecName = codecClass.getQualifiedName().toString();
    if (!types.isAssignable(codecType, types.getDeclaredType(codecInterface, type))) {
      problems.add(new Problem(Messages.CODEC_NOT_A_CODEC, path, type.toString(), codecName));
      return Optional.empty();
    }
    boolean singleton = ElementFilter.fieldsIn(codecClass.getEnclosedElements()).stream()
        .anyMatch(f -> isInstanceField(f, codecType));
    boolean constructible = codecClass.getKind() == ElementKind.CLASS
        && !codecClass.getModifiers().contains(Modifier.ABSTRACT)
        && ElementFilter.constructorsIn(codecClass.getEnclosedElements()).stream()
            .anyMatch(c -> c.getParameters().isEmpty()
                && c.getModifiers().contains(Modifier.PUBLIC));
    if (!visible(codecClass) || !(singleton || constructible)) {
      problems.add(new Problem(Messages.CODEC_NO_INSTANCE, path, type.toString(), codecName));
      return Optional.empty();
    }
    return Optional.of(new WireType.Custom(
        qualifiedName((TypeElement) ((DeclaredType) type).asElement()), qualifiedName(codecClass),
        singleton));
  }

  private boolean isInstanceField(VariableElement field, TypeMirror codecType) {
    return field.getSimpleName().contentEquals("INSTANCE")
        && field.getModifiers().containsAll(Set.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL))
        && types.isAssignable(field.asType(), codecType);
  }

  /** Whether code generated in {@link #fromPackage} can name {@code element}. */
  private boolean visible(TypeElement element) {
    boolean samePackage =
        elements.getPackageOf(element).getQualifiedName().contentEquals(fromPackage);
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE)
          || (!samePackage && !modifiers.contains(Modifier.PUBLIC))) {
        return false;
      }
    }
    return true;
  }

  QualifiedName qualifiedName(TypeElement element) {
    Deque<String> simpleNames = new ArrayDeque<>();
    Element e = element;
    for (; e instanceof TypeElement; e = e.getEnclosingElement()) {
      simpleNames.addFirst(e.getSimpleName().toString());
    }
    return new QualifiedName(
        elements.getPackageOf(element).getQualifiedName().toString(), List.copyOf(simpleNames));
  }

  private static Optional<WireType> primitive(PrimitiveKind kind) {
    return Optional.of(new WireType.Primitive(kind));
  }

  private static <T> Optional<T> problem(List<Problem> problems, String path, TypeMirror type,
      String fix) {
    problems.add(new Problem(path, type.toString(), fix));
    return Optional.empty();
  }

  /** How a path starts: the simple name of the root type. */
  private static String rootName(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        return ((DeclaredType) type).asElement().getSimpleName().toString();
      case ARRAY:
        return rootName(((ArrayType) type).getComponentType()) + "[]";
      default:
        return type.toString();
    }
  }
}
