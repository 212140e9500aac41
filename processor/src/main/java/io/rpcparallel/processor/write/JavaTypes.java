package io.rpcparallel.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.rpcparallel.processor.model.PrimitiveKind;
import io.rpcparallel.processor.model.QualifiedName;
import io.rpcparallel.processor.model.WireType;

/** The Java types of model types. */
final class JavaTypes {
  private JavaTypes() {}

  static ClassName className(QualifiedName name) {
    return ClassName.get(name.packageName(), name.simpleNames().get(0),
        name.simpleNames().subList(1, name.simpleNames().size()).toArray(new String[0]));
  }

  static TypeName of(WireType type) {
    if (type instanceof WireType.Primitive p) {
      return primitive(p.kind());
    } else if (type instanceof WireType.Boxed b) {
      return primitive(b.kind()).box();
    } else if (type instanceof WireType.Text) {
      return ClassName.get(String.class);
    } else if (type instanceof WireType.ByteArray) {
      return ArrayTypeName.of(TypeName.BYTE);
    } else if (type instanceof WireType.PrimitiveArray a) {
      return ArrayTypeName.of(primitive(a.kind()));
    } else if (type instanceof WireType.Standard s) {
      return className(s.name());
    } else if (type instanceof WireType.EnumRef e) {
      return className(e.name());
    } else if (type instanceof WireType.RecordRef r) {
      return r.typeArguments().isEmpty() ? className(r.name())
          : ParameterizedTypeName.get(className(r.name()),
              r.typeArguments().stream().map(JavaTypes::of).toArray(TypeName[]::new));
    } else if (type instanceof WireType.SealedRef s) {
      return className(s.name());
    } else if (type instanceof WireType.ListOf l) {
      return util("List", l.element());
    } else if (type instanceof WireType.SetOf s) {
      return util("Set", s.element());
    } else if (type instanceof WireType.SortedSetOf s) {
      return util("SortedSet", s.element());
    } else if (type instanceof WireType.MapOf m) {
      return util("Map", m.key(), m.value());
    } else if (type instanceof WireType.SortedMapOf m) {
      return util("SortedMap", m.key(), m.value());
    } else if (type instanceof WireType.OptionalOf o) {
      return util("Optional", o.element());
    } else if (type instanceof WireType.ArrayOf a) {
      return ArrayTypeName.of(of(a.element()));
    } else if (type instanceof WireType.WorkerRef w) {
      return ParameterizedTypeName.get(RuntimeNames.WORKER, className(w.iface()));
    } else if (type instanceof WireType.Custom c) {
      return className(c.type());
    }
    throw new AssertionError(type);
  }

  private static TypeName util(String simpleName, WireType... arguments) {
    TypeName[] names = new TypeName[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      names[i] = of(arguments[i]);
    }
    return ParameterizedTypeName.get(ClassName.get("java.util", simpleName), names);
  }

  static TypeName primitive(PrimitiveKind kind) {
    return switch (kind) {
      case BOOLEAN -> TypeName.BOOLEAN;
      case BYTE -> TypeName.BYTE;
      case SHORT -> TypeName.SHORT;
      case CHAR -> TypeName.CHAR;
      case INT -> TypeName.INT;
      case LONG -> TypeName.LONG;
      case FLOAT -> TypeName.FLOAT;
      case DOUBLE -> TypeName.DOUBLE;
    };
  }
}
