package io.whizbang.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.whizbang.processor.model.Component;
import io.whizbang.processor.model.Names;
import io.whizbang.processor.model.RecordModel;
import io.whizbang.processor.model.ValueType;
import io.whizbang.processor.model.VersionChain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Record>_JsonCodec}: field names pre-encoded once, {@code write} as straight-line code, {@code read}
 * as one loop with a {@code switch} on the field name whose default skips unknown fields. Each known field is read
 * once (a repeated one is refused), and JSON null is refused for a component that is neither @Nullable nor Optional.
 */
public final class CodecWriter {

  private final GeneratedTypes generatedTypes;

  public CodecWriter(GeneratedTypes generatedTypes) {
    this.generatedTypes = generatedTypes;
  }

  private static final Map<String, String> BOXED_CODECS = Map.of(
      "boolean", "BOOLEAN", "int", "INTEGER", "long", "LONG", "short", "SHORT", "byte", "BYTE",
      "double", "DOUBLE", "float", "FLOAT", "char", "CHARACTER");

  /** The codec of a record without versions (every record inside a message, and most messages). */
  public JavaFile write(RecordModel record) {
    return write(record, Optional.empty());
  }

  /** With {@code versions}, the codec also reads the message's older versions through their upcasters. */
  public JavaFile write(RecordModel record, Optional<VersionChain> versions) {
    ClassName codec = record.codec();
    String display = Names.display(record.type());
    // Names are allocated without tags: a component may be called like any name the writer picks itself
    // ("INSTANCE", "in", "field", "x$codec"), and the allocator then suffixes the later one.
    ReservedNames reserved = reservedNames(record);
    NameAllocator constants = reserved.allocator();
    constants.newName("INSTANCE");

    TypeSpec.Builder type = generatedTypes.publicFinalClass(codec, List.of(record.origin()))
        .addJavadoc("Reads and writes {@link $T} as JSON; see {@link $T#encode} to encode a whole document.\n",
            record.type(), RuntimeTypes.JSON)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.JSON_CODEC, record.type()))
        // First field on purpose: codecs of records that contain each other read INSTANCE during class init.
        .addField(FieldSpec.builder(codec, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", codec).build());

    Map<String, String> nameConstants = new LinkedHashMap<>();
    Map<String, CodeBlock> codecs = new LinkedHashMap<>();
    List<FieldSpec> codecFields = new ArrayList<>();
    for (Component component : record.components()) {
      String constant = constants.newName(Names.constant(component.name()));
      nameConstants.put(component.name(), constant);
      type.addField(FieldSpec.builder(RuntimeTypes.SERIALIZED_STRING, constant, Modifier.PRIVATE, Modifier.STATIC,
          Modifier.FINAL).initializer("new $T($S)", RuntimeTypes.SERIALIZED_STRING, component.name()).build());
    }
    for (Component component : record.components()) {
      ValueType codecType = component.type() instanceof ValueType.OptionalValue optional
          ? optional.element() : component.type();
      if (isInline(component.type())) {
        continue;
      }
      CodeBlock expression = codecExpression(codecType);
      if (needsField(codecType)) {
        String field = constants.newName(Names.constant(component.name()) + "_CODEC");
        codecFields.add(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.JSON_CODEC,
            codecType.javaType().box()), field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(expression).build());
        expression = CodeBlock.of("$N", field);
      }
      codecs.put(component.name(), expression);
    }
    type.addFields(codecFields);
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethod(writeMethod(record, display, nameConstants, codecs, reserved));
    type.addMethod(readMethod(record, display, codecs, reserved));
    versions.ifPresent(chain -> VersionedRead.add(type, record, chain, display));
    return GeneratedTypes.file(codec, type.build());
  }

  private MethodSpec writeMethod(RecordModel record, String display, Map<String, String> names,
      Map<String, CodeBlock> codecs, ReservedNames reserved) {
    NameAllocator parameters = reserved.allocator();
    String out = parameters.newName("out");
    String value = parameters.newName("value");
    MethodSpec.Builder method = MethodSpec.methodBuilder("write")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(RuntimeTypes.JSON_GENERATOR, out)
        .addParameter(record.type(), value)
        .addException(IOException.class);
    // Checked before anything is written: a null its readers would refuse fails here, in the sender's transaction,
    // rather than as a dead letter at every consumer.
    for (Component component : record.components()) {
      if (isRequired(component) && !(component.type() instanceof ValueType.Primitive)) {
        method.addStatement("$T.requireForEncoding($N.$N(), $S, $S)", RuntimeTypes.JSON_VALUES, value,
            component.name(), display, component.name());
      }
    }
    method.addStatement("$N.writeStartObject()", out);
    for (Component component : record.components()) {
      method.addStatement("$N.writeFieldName($N)", out, names.get(component.name()));
      method.addStatement(writeValue(component, codecs.get(component.name()), out, value));
    }
    return method.addStatement("$N.writeEndObject()", out).build();
  }

  private CodeBlock writeValue(Component component, CodeBlock codec, String out, String value) {
    CodeBlock getter = CodeBlock.of("$N.$N()", value, component.name());
    ValueType type = component.type();
    if (type instanceof ValueType.Primitive primitive) {
      return switch (primitive.name()) {
        case "boolean" -> CodeBlock.of("$N.writeBoolean($L)", out, getter);
        case "char" -> CodeBlock.of("$T.writeChar($N, $L)", RuntimeTypes.JSON_VALUES, out, getter);
        default -> CodeBlock.of("$N.writeNumber($L)", out, getter);
      };
    }
    if (type instanceof ValueType.Boxed boxed) {
      return switch (boxed.name()) {
        case "boolean" -> CodeBlock.of("$T.writeBoolean($N, $L)", RuntimeTypes.JSON_VALUES, out, getter);
        case "char" -> CodeBlock.of("$T.writeChar($N, $L)", RuntimeTypes.JSON_VALUES, out, getter);
        default -> CodeBlock.of("$T.writeNumber($N, $L)", RuntimeTypes.JSON_VALUES, out, getter);
      };
    }
    if (type instanceof ValueType.Text) {
      return CodeBlock.of("$N.writeString($L)", out, getter);
    }
    if (type instanceof ValueType.OptionalValue) {
      return CodeBlock.of("$T.writeOptional($N, $L, $L)", RuntimeTypes.JSON_VALUES, out, codec, getter);
    }
    return CodeBlock.of("$T.write($N, $L, $L)", RuntimeTypes.JSON_VALUES, out, codec, getter);
  }

  /** Every type the codec names in an expression, which no generated field or local may hide. */
  private static ReservedNames reservedNames(RecordModel record) {
    ReservedNames reserved = new ReservedNames()
        .add(record.type()).add(record.codec()).add(ClassName.get(Optional.class)).add(ClassNames.STRING)
        .add(RuntimeTypes.JSON_VALUES).add(RuntimeTypes.CODECS).add(RuntimeTypes.MAP_KEY).add(RuntimeTypes.JSON)
        .add(RuntimeTypes.JSON_TOKEN).add(RuntimeTypes.CODEC_EXCEPTION);
    record.components().forEach(component -> reserved.add(component.type()));
    return reserved;
  }

  private MethodSpec readMethod(RecordModel record, String display, Map<String, CodeBlock> codecs,
      ReservedNames reserved) {
    NameAllocator locals = reserved.allocator();
    String in = locals.newName("in");
    String field = locals.newName("field");
    Map<String, String> variables = new LinkedHashMap<>();
    Map<String, String> seenFlags = new LinkedHashMap<>();
    for (Component component : record.components()) {
      variables.put(component.name(), locals.newName(component.name()));
    }
    // Every component has a flag: a field that appears twice is refused, one that is required must appear.
    for (Component component : record.components()) {
      seenFlags.put(component.name(), locals.newName("has" + capitalize(component.name())));
    }

    MethodSpec.Builder method = MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(record.type())
        .addParameter(RuntimeTypes.JSON_PARSER, in)
        .addException(IOException.class)
        .addStatement("$T.expectStartObject($N, $S)", RuntimeTypes.JSON_VALUES, in, display);
    for (Component component : record.components()) {
      method.addStatement("$T $N = $L", component.type().javaType(), variables.get(component.name()),
          initialValue(component.type()));
    }
    for (String flag : seenFlags.values()) {
      method.addStatement("boolean $N = false", flag);
    }
    method.beginControlFlow("while ($N.nextToken() == $T.FIELD_NAME)", in, RuntimeTypes.JSON_TOKEN)
        .addStatement("$T $N = $N.currentName()", ClassNames.STRING, field, in)
        .addStatement("$N.nextToken()", in)
        .beginControlFlow("switch ($N)", field);
    for (Component component : record.components()) {
      String flag = seenFlags.get(component.name());
      method.beginControlFlow("case $S ->", component.name())
          .beginControlFlow("if ($N)", flag)
          .addStatement("throw $T.duplicateField($N, $S, $S)", RuntimeTypes.JSON_VALUES, in, display,
              component.name())
          .endControlFlow()
          .addStatement("$N = $L", variables.get(component.name()),
              readValue(component, display, codecs.get(component.name()), in))
          .addStatement("$N = true", flag)
          .endControlFlow();
    }
    method.addStatement("default -> $N.skipChildren()", in)
        .endControlFlow()
        .endControlFlow()
        .addStatement("$T.expectEndObject($N, $S)", RuntimeTypes.JSON_VALUES, in, display);
    for (Component component : record.components()) {
      if (isRequired(component)) {
        method.beginControlFlow("if (!$N)", seenFlags.get(component.name()))
            .addStatement("throw $T.missingField($N, $S, $S)", RuntimeTypes.JSON_VALUES, in, display,
                component.name())
            .endControlFlow();
      }
    }
    CodeBlock arguments = record.components().stream()
        .map(component -> CodeBlock.of("$N", variables.get(component.name())))
        .collect(CodeBlock.joining(", "));
    // A compact constructor that validates throws its own exceptions; the payload is bad input all the same, and
    // callers (the inbox) tell bad input from handler failures by CodecException.
    String failure = locals.newName("failure");
    return method.beginControlFlow("try")
        .addStatement("return new $T($L)", record.type(), arguments)
        .nextControlFlow("catch ($T $N)", RuntimeException.class, failure)
        .addStatement("throw new $T($S + $N$W+ $S + $N.currentTokenLocation().getLineNr()$W+ $S + $N"
            + ".currentTokenLocation().getColumnNr(), $N)", RuntimeTypes.CODEC_EXCEPTION,
            "Cannot decode " + display + ": its constructor rejected the values (", failure,
            ") of the object ending at line ", in, ", column ", in, failure)
        .endControlFlow()
        .build();
  }

  /** The read call; a required component uses the reader that refuses JSON null, as an absent field is refused. */
  private CodeBlock readValue(Component component, String display, CodeBlock codec, String in) {
    ValueType type = component.type();
    boolean required = isRequired(component);
    if (type instanceof ValueType.Primitive primitive) {
      return CodeBlock.of("$T.$N($N, $S, $S)", RuntimeTypes.JSON_VALUES, "read" + capitalize(primitive.name()), in,
          display, component.name());
    }
    if (type instanceof ValueType.Boxed boxed) {
      // The primitive reader refuses null; its value is boxed into the component.
      return CodeBlock.of("$T.$N($N, $S, $S)", RuntimeTypes.JSON_VALUES,
          "read" + capitalize(boxed.name()) + (required ? "" : "OrNull"), in, display, component.name());
    }
    if (type instanceof ValueType.Text) {
      return CodeBlock.of("$T.$N($N, $S, $S)", RuntimeTypes.JSON_VALUES,
          required ? "readRequiredString" : "readString", in, display, component.name());
    }
    if (type instanceof ValueType.OptionalValue) {
      return CodeBlock.of("$T.readOptional($N, $L, $S, $S)", RuntimeTypes.JSON_VALUES, in, codec, display,
          component.name());
    }
    return CodeBlock.of("$T.$N($N, $L, $S, $S)", RuntimeTypes.JSON_VALUES, required ? "readRequired" : "read", in,
        codec, display, component.name());
  }

  /** A codec for a collection element, map value or Optional content. */
  private CodeBlock codecExpression(ValueType type) {
    if (type instanceof ValueType.Text) {
      return CodeBlock.of("$T.STRING", RuntimeTypes.CODECS);
    }
    if (type instanceof ValueType.Boxed boxed) {
      return CodeBlock.of("$T.$N", RuntimeTypes.CODECS, BOXED_CODECS.get(boxed.name()));
    }
    if (type instanceof ValueType.Shared shared) {
      return CodeBlock.of("$T.$N", RuntimeTypes.CODECS, shared.constant());
    }
    if (type instanceof ValueType.EnumValue enumValue) {
      return enumCodec(enumValue.javaType());
    }
    if (type instanceof ValueType.RecordValue recordValue) {
      return CodeBlock.of("$T.INSTANCE", recordValue.codec());
    }
    if (type instanceof ValueType.CollectionValue collection) {
      return CodeBlock.of("$T.$N($L)", RuntimeTypes.CODECS, collection.set() ? "set" : "list",
          codecExpression(collection.element()));
    }
    if (type instanceof ValueType.MapValue map) {
      CodeBlock key = map.key().enumType() != null ? enumCodec(map.key().enumType())
          : CodeBlock.of("$T.$N", RuntimeTypes.MAP_KEY, map.key().constant());
      return CodeBlock.of("$T.map($L, $L)", RuntimeTypes.CODECS, key, codecExpression(map.value()));
    }
    throw new IllegalArgumentException("no codec expression for " + type);
  }

  private static CodeBlock enumCodec(ClassName enumType) {
    return CodeBlock.of("$T.enumCodec($S, $T.values())", RuntimeTypes.CODECS, Names.display(enumType), enumType);
  }

  private static boolean isInline(ValueType type) {
    return type instanceof ValueType.Primitive || type instanceof ValueType.Boxed || type instanceof ValueType.Text;
  }

  /** Combinators are built once into a static field; shared codecs and record codecs are referenced directly. */
  private static boolean needsField(ValueType type) {
    return type instanceof ValueType.EnumValue || type instanceof ValueType.CollectionValue
        || type instanceof ValueType.MapValue;
  }

  private static boolean isRequired(Component component) {
    return !component.nullable() && !(component.type() instanceof ValueType.OptionalValue)
        || component.type() instanceof ValueType.Primitive;
  }

  private static CodeBlock initialValue(ValueType type) {
    if (type instanceof ValueType.OptionalValue) {
      return CodeBlock.of("$T.empty()", Optional.class);
    }
    if (type instanceof ValueType.Primitive primitive) {
      return switch (primitive.name()) {
        case "boolean" -> CodeBlock.of("false");
        case "char" -> CodeBlock.of("'\\0'");
        case "long" -> CodeBlock.of("0L");
        case "float" -> CodeBlock.of("0f");
        case "double" -> CodeBlock.of("0.0");
        default -> CodeBlock.of("0");
      };
    }
    return CodeBlock.of("null");
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
