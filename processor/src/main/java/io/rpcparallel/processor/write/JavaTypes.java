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
    } else if (type instanceof WireType.EnumRef e) {
      return className(e.name());
    } else if (type instanceof WireType.RecordRef r) {
      return className(r.name());
    } else if (type instanceof WireType.ListOf l) {
      return ParameterizedTypeName.get(ClassName.get("java.util", "List"), of(l.element()));
    } else if (type instanceof WireType.MapOf m) {
      return ParameterizedTypeName.get(ClassName.get("java.util", "Map"), of(m.key()),
          of(m.value()));
    } else if (type instanceof WireType.OptionalOf o) {
      return ParameterizedTypeName.get(ClassName.get("java.util", "Optional"), of(o.element()));
    }
    throw new AssertionError(type);
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
