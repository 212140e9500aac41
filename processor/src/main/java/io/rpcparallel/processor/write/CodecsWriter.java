package io.rpcparallel.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.rpcparallel.processor.model.ComponentModel;
import io.rpcparallel.processor.model.EnumModel;
import io.rpcparallel.processor.model.NamedType;
import io.rpcparallel.processor.model.RecordModel;
import io.rpcparallel.processor.model.SealedModel;
import io.rpcparallel.processor.model.WireType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code XCodecs}: a codec constant for every record, enum and sealed interface the
 * worker's methods reach, and for every collection, array, worker handle and {@code @RpcCodec}
 * type they use.
 *
 * <p>Record, enum and sealed codecs come first; a record or sealed codec refers to other codecs
 * only inside its methods, which run after the class is initialised, so records may refer to
 * themselves. The composite codecs come after, each after the codecs it is built from.
 *
 * <p>The codec of a record that can hold itself (through any path of records, sealed
 * interfaces and collections) counts its levels with {@code enterNested}/{@code exitNested}, so
 * that too deep a value, or a peer's message, fails at {@code Codecs.MAX_NESTING_DEPTH} levels
 * instead of overflowing the stack. Other codecs nest only as deep as their types, and do not
 * count.
 */
final class CodecsWriter {
  private CodecsWriter() {}

  static TypeSpec write(WorkerNames names) {
    Map<WireType, NamedType> namedTypes = new HashMap<>();
    names.model.namedTypes().forEach(t -> namedTypes.put(t.reference(), t));
    Set<WireType> recursive = recursiveTypes(namedTypes);

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
      NamedType named = namedTypes.get(wireType);
      if (named instanceof EnumModel) {
        field.addJavadoc("{@link $T}, by ordinal.\n", javaType)
            .initializer("$T.enumOf($T.values())", RuntimeNames.CODECS, javaType);
      } else if (named instanceof RecordModel record) {
        if (record.typeArguments().isEmpty()) {
          field.addJavadoc("{@link $T}, component by component.\n", javaType);
        } else {
          field.addJavadoc("{@code $L}, component by component.\n", display(wireType));
        }
        field.initializer("$L", record(record, javaType, names, recursive.contains(wireType)));
      } else if (named instanceof SealedModel sealed) {
        field.addJavadoc("{@link $T}, as the index of its subtype, then the value.\n", javaType)
            .initializer("$L", sealed(sealed, javaType, names));
      } else {
        field.addJavadoc("{@code $L}.\n", display(wireType))
            .initializer("$L", collection(wireType, names));
      }
      type.addField(field.build());
    }
    return type.build();
  }

  private static TypeSpec record(RecordModel record, TypeName javaType, WorkerNames names,
      boolean recursive) {
    String typeName = record.name().canonicalName();
    List<ComponentModel> components = record.components();
    CodeBlock.Builder encode = CodeBlock.builder().beginControlFlow("if (out.writeNotNull(value))");
    if (recursive) {
      encode.addStatement("out.enterNested($S)", typeName);
    }
    for (ComponentModel component : components) {
      encode.addStatement("$L", names.encode(component.type(), "out",
          CodeBlock.of("value.$N()", component.name()), true));
    }
    if (recursive) {
      encode.addStatement("out.exitNested()");
    }
    encode.endControlFlow();

    CodeBlock.Builder decode = CodeBlock.builder()
        .beginControlFlow("if (!in.readNotNull())")
        .addStatement("return null")
        .endControlFlow();
    if (recursive) {
      decode.addStatement("in.enterNested($S)", typeName)
          .add("$T value = ", javaType)
          .add(construct(record, javaType, names))
          .addStatement("in.exitNested()")
          .addStatement("return value");
    } else {
      decode.add("return ").add(construct(record, javaType, names));
    }
    return codec(javaType, encode.build(), decode.build());
  }

  /** {@code new T(component decoders...);}, a statement's end included. */
  private static CodeBlock construct(RecordModel record, TypeName javaType, WorkerNames names) {
    List<ComponentModel> components = record.components();
    if (components.isEmpty()) {
      return CodeBlock.of("new $T();\n", javaType);
    }
    // Arguments are evaluated left to right: components are read in declaration order.
    CodeBlock.Builder construct = CodeBlock.builder().add("new $T(\n$>$>", javaType);
    for (int i = 0; i < components.size(); i++) {
      construct.add("$L$L", names.decode(components.get(i).type(), "in", true),
          i + 1 < components.size() ? ",\n" : ");\n");
    }
    return construct.add("$<$<").build();
  }

  /**
   * The records that can hold themselves: those on a cycle of the graph whose edges go from a
   * record or sealed interface to the named types its components or alternatives mention
   * (through collections, optionals, arrays and type arguments). Every such cycle passes
   * through a record, since a sealed hierarchy has none of its own, so counting the records'
   * levels bounds the depth of any value.
   */
  private static Set<WireType> recursiveTypes(Map<WireType, NamedType> namedTypes) {
    Map<WireType, Set<WireType>> edges = new HashMap<>();
    namedTypes.forEach((reference, named) -> {
      Set<WireType> to = new HashSet<>();
      if (named instanceof RecordModel record) {
        record.components().forEach(c -> mentioned(c.type(), namedTypes, to));
      } else if (named instanceof SealedModel sealed) {
        sealed.alternatives().forEach(a -> mentioned(a, namedTypes, to));
      }
      edges.put(reference, to);
    });
    Set<WireType> recursive = new HashSet<>();
    for (Map.Entry<WireType, NamedType> named : namedTypes.entrySet()) {
      if (named.getValue() instanceof RecordModel
          && reaches(edges, named.getKey(), named.getKey())) {
        recursive.add(named.getKey());
      }
    }
    return recursive;
  }

  /** The named types {@code type} is, or is built from, without looking inside them. */
  private static void mentioned(WireType type, Map<WireType, NamedType> namedTypes,
      Set<WireType> into) {
    if (namedTypes.containsKey(type)) {
      into.add(type);
    } else {
      type.children().forEach(c -> mentioned(c, namedTypes, into));
    }
  }

  private static boolean reaches(Map<WireType, Set<WireType>> edges, WireType from,
      WireType target) {
    Set<WireType> seen = new HashSet<>();
    Deque<WireType> todo = new ArrayDeque<>(edges.getOrDefault(from, Set.of()));
    while (!todo.isEmpty()) {
      WireType next = todo.pop();
      if (next.equals(target)) {
        return true;
      }
      if (seen.add(next)) {
        todo.addAll(edges.getOrDefault(next, Set.of()));
      }
    }
    return false;
  }

  /** Tag i for the i-th alternative; an unknown tag is a wire error, never a guess. */
  private static TypeSpec sealed(SealedModel sealed, TypeName javaType, WorkerNames names) {
    CodeBlock.Builder encode = CodeBlock.builder().beginControlFlow("if (out.writeNotNull(value))");
    CodeBlock.Builder decode = CodeBlock.builder()
        .beginControlFlow("if (!in.readNotNull())")
        .addStatement("return null")
        .endControlFlow()
        .addStatement("int tag = in.readLength(0)")
        .beginControlFlow("switch (tag)");
    List<WireType> alternatives = sealed.alternatives();
    for (int i = 0; i < alternatives.size(); i++) {
      WireType alternative = alternatives.get(i);
      TypeName alternativeType = JavaTypes.of(alternative);
      if (i == 0) {
        encode.beginControlFlow("if (value instanceof $T)", alternativeType);
      } else {
        encode.nextControlFlow("else if (value instanceof $T)", alternativeType);
      }
      encode.addStatement("out.writeLength($L)", i)
          .addStatement("$L", names.encode(alternative, "out",
              CodeBlock.of("($T) value", alternativeType), true));
      decode.add("case $L:\n$>", i)
          .addStatement("return $L", names.decode(alternative, "in", true))
          .add("$<");
    }
    if (!alternatives.isEmpty()) {
      encode.nextControlFlow("else");
    }
    encode.addStatement("throw new $T($S + value.getClass())", IllegalArgumentException.class,
        "not a permitted subtype of " + sealed.name().canonicalName() + ": ");
    if (!alternatives.isEmpty()) {
      encode.endControlFlow();
    }
    encode.endControlFlow();
    decode.add("default:\n$>")
        .addStatement("throw new $T($S + tag)", RuntimeNames.WIRE_FORMAT_EXCEPTION,
            "unknown subtype tag for " + sealed.name().canonicalName() + ": ")
        .add("$<")
        .endControlFlow();
    return codec(javaType, encode.build(), decode.build());
  }

  /** {@code new Codec<T>() { encode...; decode... }}. */
  private static TypeSpec codec(TypeName javaType, CodeBlock encode, CodeBlock decode) {
    return TypeSpec.anonymousClassBuilder("")
        .addSuperinterface(ParameterizedTypeName.get(RuntimeNames.CODEC, javaType))
        .addMethod(MethodSpec.methodBuilder("encode")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(RuntimeNames.WIRE_OUTPUT, "out")
            .addParameter(javaType, "value")
            .addCode(encode)
            .build())
        .addMethod(MethodSpec.methodBuilder("decode")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(javaType)
            .addParameter(RuntimeNames.WIRE_INPUT, "in")
            .addCode(decode)
            .build())
        .build();
  }

  /** A type as its source code would write it, with simple names. */
  private static String display(WireType type) {
    if (type instanceof WireType.Custom c) {
      return c.type().nestedName() + " with " + c.codec().nestedName();
    } else if (type instanceof WireType.ArrayOf a) {
      return display(a.element()) + "[]";
    } else if (type instanceof WireType.WorkerRef w) {
      return "Worker<" + w.iface().nestedName() + ">";
    } else if (type instanceof WireType.RecordRef r) {
      return r.name().nestedName() + (r.typeArguments().isEmpty() ? ""
          : r.typeArguments().stream().map(CodecsWriter::display)
              .collect(Collectors.joining(", ", "<", ">")));
    } else if (type instanceof WireType.EnumRef e) {
      return e.name().nestedName();
    } else if (type instanceof WireType.SealedRef s) {
      return s.name().nestedName();
    } else if (type instanceof WireType.Standard s) {
      return s.name().nestedName();
    } else if (!type.children().isEmpty()) {
      // List, Set, SortedSet, Map, SortedMap, Optional: java.util.X<...>
      String shape = type.shape();
      return shape.substring("java.util.".length(), shape.indexOf('<'))
          + type.children().stream().map(CodecsWriter::display)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    return JavaTypes.of(type).toString().replace("java.lang.", "");
  }

  private static CodeBlock collection(WireType type, WorkerNames names) {
    if (type instanceof WireType.ListOf l) {
      return CodeBlock.of("$T.list($L)", RuntimeNames.CODECS, names.codec(l.element(), true));
    } else if (type instanceof WireType.SetOf s) {
      return CodeBlock.of("$T.set($L)", RuntimeNames.CODECS, names.codec(s.element(), true));
    } else if (type instanceof WireType.SortedSetOf s) {
      return CodeBlock.of("$T.sortedSet($L)", RuntimeNames.CODECS,
          names.codec(s.element(), true));
    } else if (type instanceof WireType.MapOf m) {
      return CodeBlock.of("$T.map($L,$W$L)", RuntimeNames.CODECS, names.codec(m.key(), true),
          names.codec(m.value(), true));
    } else if (type instanceof WireType.SortedMapOf m) {
      return CodeBlock.of("$T.sortedMap($L,$W$L)", RuntimeNames.CODECS,
          names.codec(m.key(), true), names.codec(m.value(), true));
    } else if (type instanceof WireType.OptionalOf o) {
      return CodeBlock.of("$T.optional($L)", RuntimeNames.CODECS,
          names.codec(o.element(), true));
    } else if (type instanceof WireType.ArrayOf a) {
      return CodeBlock.of("$T.array($L,$W$T[]::new)", RuntimeNames.CODECS,
          names.codec(a.element(), true), JavaTypes.of(a.element()));
    } else if (type instanceof WireType.WorkerRef w) {
      return CodeBlock.of("$T.worker($S)", RuntimeNames.CODECS, w.iface().canonicalName());
    } else if (type instanceof WireType.Custom c) {
      return c.singleton() ? CodeBlock.of("$T.INSTANCE", JavaTypes.className(c.codec()))
          : CodeBlock.of("new $T()", JavaTypes.className(c.codec()));
    }
    throw new AssertionError(type);
  }
}
