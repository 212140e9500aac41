package io.rpcparallel.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.rpcparallel.processor.model.ComponentModel;
import io.rpcparallel.processor.model.EnumModel;
import io.rpcparallel.processor.model.NamedType;
import io.rpcparallel.processor.model.QualifiedName;
import io.rpcparallel.processor.model.RecordModel;
import io.rpcparallel.processor.model.WireType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code XCodecs}: a codec constant for every record and enum the worker's methods reach,
 * and for every collection type they use.
 *
 * <p>Record and enum codecs come first; a record codec refers to other codecs only inside its
 * methods, which run after the class is initialised, so records may refer to themselves. The
 * collection codecs come after, each after the codecs it is built from.
 */
final class CodecsWriter {
  private CodecsWriter() {}

  static TypeSpec write(WorkerNames names) {
    Map<QualifiedName, NamedType> namedTypes = new HashMap<>();
    names.model.namedTypes().forEach(t -> namedTypes.put(t.name(), t));

    TypeSpec.Builder type = TypeSpec.classBuilder(names.codecs)
        .addJavadoc("The wire codecs of the types {@link $T} workers exchange.\n", names.iface)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    for (Map.Entry<WireType, String> constant : names.codecConstants().entrySet()) {
      WireType wireType = constant.getKey();
      TypeName javaType = JavaTypes.of(wireType);
      FieldSpec.Builder field = FieldSpec.builder(
          ParameterizedTypeName.get(RuntimeNames.CODEC, javaType), constant.getValue(),
          Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL);
      NamedType named = wireType instanceof WireType.RecordRef r ? namedTypes.get(r.name())
          : wireType instanceof WireType.EnumRef e ? namedTypes.get(e.name()) : null;
      if (named instanceof EnumModel) {
        field.addJavadoc("{@link $T}, by ordinal.\n", javaType)
            .initializer("$T.enumOf($T.values())", RuntimeNames.CODECS, javaType);
      } else if (named instanceof RecordModel record) {
        field.addJavadoc("{@link $T}, component by component.\n", javaType)
            .initializer("$L", record(record, (ClassName) javaType, names));
      } else {
        field.addJavadoc("{@code $L}.\n", display(wireType))
            .initializer("$L", collection(wireType, names));
      }
      type.addField(field.build());
    }
    return type.build();
  }

  private static TypeSpec record(RecordModel record, ClassName javaType, WorkerNames names) {
    List<ComponentModel> components = record.components();
    CodeBlock.Builder encode = CodeBlock.builder().beginControlFlow("if (out.writeNotNull(value))");
    for (ComponentModel component : components) {
      encode.addStatement("$L", names.encode(component.type(), "out",
          CodeBlock.of("value.$N()", component.name()), true));
    }
    encode.endControlFlow();

    CodeBlock.Builder decode = CodeBlock.builder()
        .beginControlFlow("if (!in.readNotNull())")
        .addStatement("return null")
        .endControlFlow();
    if (components.isEmpty()) {
      decode.addStatement("return new $T()", javaType);
    } else {
      // Arguments are evaluated left to right: components are read in declaration order.
      decode.add("return new $T(\n$>$>", javaType);
      for (int i = 0; i < components.size(); i++) {
        decode.add("$L$L", names.decode(components.get(i).type(), "in", true),
            i + 1 < components.size() ? ",\n" : ");\n");
      }
      decode.add("$<$<");
    }

    return TypeSpec.anonymousClassBuilder("")
        .addSuperinterface(ParameterizedTypeName.get(RuntimeNames.CODEC, javaType))
        .addMethod(MethodSpec.methodBuilder("encode")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(RuntimeNames.WIRE_OUTPUT, "out")
            .addParameter(javaType, "value")
            .addCode(encode.build())
            .build())
        .addMethod(MethodSpec.methodBuilder("decode")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(javaType)
            .addParameter(RuntimeNames.WIRE_INPUT, "in")
            .addCode(decode.build())
            .build())
        .build();
  }

  /** A type as its source code would write it, with simple names. */
  private static String display(WireType type) {
    if (type instanceof WireType.ListOf l) {
      return "List<" + display(l.element()) + ">";
    } else if (type instanceof WireType.MapOf m) {
      return "Map<" + display(m.key()) + ", " + display(m.value()) + ">";
    } else if (type instanceof WireType.OptionalOf o) {
      return "Optional<" + display(o.element()) + ">";
    } else if (type instanceof WireType.RecordRef r) {
      return r.name().nestedName();
    } else if (type instanceof WireType.EnumRef e) {
      return e.name().nestedName();
    }
    return JavaTypes.of(type).toString().replace("java.lang.", "");
  }

  private static CodeBlock collection(WireType type, WorkerNames names) {
    if (type instanceof WireType.ListOf l) {
      return CodeBlock.of("$T.list($L)", RuntimeNames.CODECS, names.codec(l.element(), true));
    } else if (type instanceof WireType.MapOf m) {
      return CodeBlock.of("$T.map($L,$W$L)", RuntimeNames.CODECS, names.codec(m.key(), true),
          names.codec(m.value(), true));
    } else if (type instanceof WireType.OptionalOf o) {
      return CodeBlock.of("$T.optional($L)", RuntimeNames.CODECS,
          names.codec(o.element(), true));
    }
    throw new AssertionError(type);
  }
}
