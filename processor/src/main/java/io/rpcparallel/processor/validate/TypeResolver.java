package io.rpcparallel.processor.validate;

import io.rpcparallel.processor.Messages;
import io.rpcparallel.processor.model.ComponentModel;
import io.rpcparallel.processor.model.EnumModel;
import io.rpcparallel.processor.model.NamedType;
import io.rpcparallel.processor.model.PrimitiveKind;
import io.rpcparallel.processor.model.QualifiedName;
import io.rpcparallel.processor.model.RecordModel;
import io.rpcparallel.processor.model.WireType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Resolves the types of one worker interface to {@link WireType}s, collecting the records and
 * enums it reaches. A type that cannot travel gives a {@link Problem} naming the path to it.
 */
final class TypeResolver {
  /**
   * One type that cannot travel.
   *
   * @param path how it is reached from the root, e.g. {@code Job.children[element].lock}
   * @param type the bad type as written
   * @param fix one of the {@code Messages.FIX_} constants
   */
  record Problem(String path, String type, String fix) {
    String message(String where) {
      return String.format(Messages.UNSUPPORTED_TYPE, where, path, type, fix);
    }
  }

  private static final Map<String, PrimitiveKind> BOXES = Map.of(
      "java.lang.Boolean", PrimitiveKind.BOOLEAN,
      "java.lang.Byte", PrimitiveKind.BYTE,
      "java.lang.Short", PrimitiveKind.SHORT,
      "java.lang.Character", PrimitiveKind.CHAR,
      "java.lang.Integer", PrimitiveKind.INT,
      "java.lang.Long", PrimitiveKind.LONG,
      "java.lang.Float", PrimitiveKind.FLOAT,
      "java.lang.Double", PrimitiveKind.DOUBLE);

  private static final Set<String> FUTURES = Set.of(
      "java.util.concurrent.CompletableFuture",
      "java.util.concurrent.CompletionStage",
      "java.util.concurrent.Future");

  private final Elements elements;
  private final String fromPackage;
  /** Records and enums resolved without a problem. */
  private final Map<QualifiedName, NamedType> resolved = new TreeMap<>();
  /** Records being resolved: a reference back to one of them is a recursive record. */
  private final Set<QualifiedName> inProgress = new HashSet<>();

  TypeResolver(Elements elements, String fromPackage) {
    this.elements = elements;
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

  /** Every record and enum resolved so far, sorted by name. */
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
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component.getKind() == TypeKind.BYTE) {
          return Optional.of(new WireType.ByteArray());
        }
        if (component.getKind() == TypeKind.ERROR) {
          throw new MissingTypeException(component.toString());
        }
        return problem(problems, path, type, Messages.FIX_ARRAY);
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

  private Optional<WireType> declared(DeclaredType type, String path, List<Problem> problems) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    PrimitiveKind box = BOXES.get(name);
    if (box != null) {
      return Optional.of(new WireType.Boxed(box));
    }
    switch (name) {
      case "java.lang.String":
        return Optional.of(new WireType.Text());
      case "java.util.List":
        return typeArguments(type, path, problems, List.of("[element]"))
            .map(args -> new WireType.ListOf(args.get(0)));
      case "java.util.Map":
        return typeArguments(type, path, problems, List.of("[key]", "[value]"))
            .map(args -> new WireType.MapOf(args.get(0), args.get(1)));
      case "java.util.Optional":
        return typeArguments(type, path, problems, List.of("[value]"))
            .map(args -> new WireType.OptionalOf(args.get(0)));
      case "java.util.Set":
        return problem(problems, path, type, Messages.FIX_SET);
      default:
        break;
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
      if (!element.getTypeParameters().isEmpty()) {
        return problem(problems, path, type, Messages.FIX_GENERIC_RECORD);
      }
      return record(element, path, problems);
    }
    return problem(problems, path, type, Messages.FIX_NOT_WIRE);
  }

  /** The resolved type arguments of a List, Map or Optional; empty if one had a problem. */
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

  private WireType enumType(TypeElement element) {
    QualifiedName name = qualifiedName(element);
    if (!resolved.containsKey(name)) {
      List<String> constants = element.getEnclosedElements().stream()
          .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
          .map(e -> e.getSimpleName().toString())
          .toList();
      resolved.put(name, new EnumModel(name, constants));
    }
    return new WireType.EnumRef(name);
  }

  private Optional<WireType> record(TypeElement element, String path, List<Problem> problems) {
    QualifiedName name = qualifiedName(element);
    WireType reference = new WireType.RecordRef(name);
    if (resolved.containsKey(name) || inProgress.contains(name)) {
      return Optional.of(reference);
    }
    inProgress.add(name);
    try {
      List<ComponentModel> components = new ArrayList<>();
      boolean ok = true;
      for (RecordComponentElement component : element.getRecordComponents()) {
        String componentName = component.getSimpleName().toString();
        Optional<WireType> type = walk(component.asType(), path + "." + componentName, problems);
        ok &= type.isPresent();
        type.ifPresent(t -> components.add(new ComponentModel(componentName, t)));
      }
      if (!ok) {
        return Optional.empty();
      }
      resolved.put(name, new RecordModel(name, components));
      return Optional.of(reference);
    } finally {
      inProgress.remove(name);
    }
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
