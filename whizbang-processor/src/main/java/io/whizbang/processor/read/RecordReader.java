package io.whizbang.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.Component;
import io.whizbang.processor.model.Names;
import io.whizbang.processor.model.RecordModel;
import io.whizbang.processor.model.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Reads records into codec models: each component's type becomes a {@link ValueType}; records found inside are read
 * too and planned for their own codec. A component type the codec cannot handle is reported on the component.
 */
public final class RecordReader {

  private static final Map<String, String> SHARED = Map.ofEntries(
      Map.entry("java.util.UUID", "UUID"),
      Map.entry("java.math.BigDecimal", "BIG_DECIMAL"),
      Map.entry("java.math.BigInteger", "BIG_INTEGER"),
      Map.entry("java.time.Instant", "INSTANT"),
      Map.entry("java.time.LocalDate", "LOCAL_DATE"),
      Map.entry("java.time.LocalDateTime", "LOCAL_DATE_TIME"),
      Map.entry("java.time.LocalTime", "LOCAL_TIME"),
      Map.entry("java.time.OffsetDateTime", "OFFSET_DATE_TIME"),
      Map.entry("java.time.ZonedDateTime", "ZONED_DATE_TIME"),
      Map.entry("java.time.Duration", "DURATION"),
      Map.entry("java.time.Period", "PERIOD"));

  /** Element codecs of boxed values inside collections. */
  private static final Map<String, String> BOXED = Map.of(
      "java.lang.Boolean", "boolean", "java.lang.Integer", "int", "java.lang.Long", "long",
      "java.lang.Short", "short", "java.lang.Byte", "byte", "java.lang.Double", "double",
      "java.lang.Float", "float", "java.lang.Character", "char");

  /** Generic types the codec reads through their type arguments. */
  private static final Set<String> CONTAINERS =
      Set.of("java.util.Optional", "java.util.List", "java.util.Set", "java.util.Map");

  private static final Map<String, String> MAP_KEYS = Map.of(
      "java.lang.String", "STRING", "java.util.UUID", "UUID", "java.lang.Integer", "INTEGER",
      "java.lang.Long", "LONG", "java.lang.Short", "SHORT", "java.lang.Byte", "BYTE");

  private final Elements elements;
  private final Reporter reporter;
  /** Every record planned for a generated codec, by qualified name, in discovery order. */
  private final Map<String, Optional<RecordModel>> records = new LinkedHashMap<>();
  private final Set<String> compiledTypes;
  /** Records whose read() is on the stack. */
  private final Set<String> reading = new java.util.HashSet<>();

  /** @param compiledTypes qualified names of the types of this compilation (their codecs are generated here) */
  public RecordReader(Elements elements, Reporter reporter, Set<String> compiledTypes) {
    this.elements = elements;
    this.reporter = reporter;
    this.compiledTypes = compiledTypes;
  }

  /** Qualified names of the JDK value types with a shared runtime codec (the WB110 fix text names each). */
  public static Set<String> sharedValueTypes() {
    return SHARED.keySet();
  }

  /** The records read so far that need a generated codec (successfully read ones only). */
  public List<RecordModel> plannedCodecs() {
    List<RecordModel> planned = new ArrayList<>();
    records.values().forEach(record -> record.ifPresent(planned::add));
    return planned;
  }

  /** Reads a record and, transitively, the records it contains; empty after reporting a problem. */
  public Optional<RecordModel> read(TypeElement record) {
    String name = record.getQualifiedName().toString();
    if (records.containsKey(name)) {
      return records.get(name);
    }
    reading.add(name);
    try {
      ClassName type = ClassName.get(record);
      List<Component> components = new ArrayList<>();
      boolean ok = true;
      for (RecordComponentElement component : record.getRecordComponents()) {
        Optional<ValueType> valueType = valueType(component.asType(), component, record, true);
        if (valueType.isPresent()) {
          components.add(new Component(component.getSimpleName().toString(), valueType.get(),
              AnnotationValues.hasNullable(component)));
        } else {
          ok = false;
        }
      }
      Optional<RecordModel> model =
          ok ? Optional.of(new RecordModel(type, Names.codec(type), components, record)) : Optional.empty();
      records.put(name, model);
      return model;
    } finally {
      reading.remove(name);
    }
  }

  private Optional<ValueType> valueType(TypeMirror type, RecordComponentElement component, TypeElement owner,
      boolean topLevel) {
    TypeName javaType = TypeName.get(type).withoutAnnotations();
    switch (type.getKind()) {
      case BOOLEAN, INT, LONG, SHORT, BYTE, DOUBLE, FLOAT, CHAR:
        return Optional.of(new ValueType.Primitive(javaType, type.getKind().name().toLowerCase()));
      case ARRAY:
        return array((ArrayType) type, javaType, component, owner);
      case DECLARED:
        return declared((DeclaredType) type, javaType, component, owner, topLevel);
      default:
        return unsupported(component, owner, type, "only declared types, primitives and arrays are encoded");
    }
  }

  private Optional<ValueType> array(ArrayType type, TypeName javaType, RecordComponentElement component,
      TypeElement owner) {
    TypeMirror element = type.getComponentType();
    if (!element.getKind().isPrimitive()) {
      return unsupported(component, owner, type, "arrays of objects are not supported, use a List");
    }
    return Optional.of(new ValueType.Shared(javaType, element.getKind().name() + "_ARRAY"));
  }

  private Optional<ValueType> declared(DeclaredType type, TypeName javaType, RecordComponentElement component,
      TypeElement owner, boolean topLevel) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (name.equals("java.lang.String")) {
      return Optional.of(new ValueType.Text(javaType));
    }
    if (BOXED.containsKey(name)) {
      return Optional.of(new ValueType.Boxed(javaType, BOXED.get(name)));
    }
    if (SHARED.containsKey(name)) {
      return Optional.of(new ValueType.Shared(javaType, SHARED.get(name)));
    }
    if (CONTAINERS.contains(name) && arguments.isEmpty()) {
      String simple = element.getSimpleName().toString();
      return unsupported(component, owner, type, "a raw " + simple + " does not say what it holds: declare its type "
          + "argument" + (simple.equals("Map") ? "s, for example Map<String, Integer>" : ", for example " + simple
          + "<String>"));
    }
    switch (name) {
      case "java.util.Optional": {
        if (!topLevel) {
          return unsupported(component, owner, type, "Optional is supported only as a record component");
        }
        return valueType(arguments.get(0), component, owner, false)
            .map(inner -> new ValueType.OptionalValue(javaType, inner));
      }
      case "java.util.List":
      case "java.util.Set":
        return valueType(arguments.get(0), component, owner, false)
            .map(inner -> new ValueType.CollectionValue(javaType, name.endsWith("Set"), inner));
      case "java.util.Map": {
        Optional<ValueType.MapKeyType> key = mapKey(arguments.get(0), component, owner);
        if (key.isEmpty()) {
          return Optional.empty();
        }
        return valueType(arguments.get(1), component, owner, false)
            .map(value -> new ValueType.MapValue(javaType, key.get(), value));
      }
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      return accessible(element) ? Optional.of(new ValueType.EnumValue(ClassName.get(element), constants(element)))
          : unsupported(component, owner, type, "the enum is private");
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (!element.getTypeParameters().isEmpty()) {
        return unsupported(component, owner, type, "generic records are not supported");
      }
      if (!accessible(element)) {
        return unsupported(component, owner, type, "the record is private");
      }
      ClassName recordType = ClassName.get(element);
      ClassName codec = Names.codec(recordType);
      boolean codecInLibrary = !compiledTypes.contains(name)
          && elements.getTypeElement(codec.canonicalName()) != null;
      // A record being read further up the stack is a recursive structure (a tree): it refers to its own codec.
      if (!codecInLibrary && !reading.contains(name)
          && reporter.whileReadingFor(site(component), () -> read(element)).isEmpty()) {
        // Its own problems were reported on its components.
        return Optional.empty();
      }
      return Optional.of(new ValueType.RecordValue(recordType, codec));
    }
    return unsupported(component, owner, type, "it is not a record, enum or known value type");
  }


  private Optional<ValueType.MapKeyType> mapKey(TypeMirror type, RecordComponentElement component,
      TypeElement owner) {
    TypeName javaType = TypeName.get(type).withoutAnnotations();
    if (type.getKind() == TypeKind.DECLARED) {
      TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
      String constant = MAP_KEYS.get(element.getQualifiedName().toString());
      if (constant != null) {
        return Optional.of(new ValueType.MapKeyType(javaType, constant, null, List.of()));
      }
      if (element.getKind() == ElementKind.ENUM && accessible(element)) {
        return Optional.of(new ValueType.MapKeyType(javaType, null, ClassName.get(element), constants(element)));
      }
    }
    unsupported(component, owner, type, "map keys must be String, UUID, an enum or an integral type");
    return Optional.empty();
  }

  /** An enum's constants in declaration order: the names its codec writes. */
  private static List<String> constants(TypeElement enumType) {
    return enumType.getEnclosedElements().stream()
        .filter(enclosed -> enclosed.getKind() == ElementKind.ENUM_CONSTANT)
        .map(constant -> constant.getSimpleName().toString())
        .toList();
  }

  private Optional<ValueType> unsupported(RecordComponentElement component, TypeElement owner, TypeMirror type,
      String reason) {
    reporter.report(Problem.UNSUPPORTED_FIELD_TYPE, site(component), component.getSimpleName(),
        owner.getQualifiedName(), type, reason);
    return Optional.empty();
  }

  /**
   * Where to report a problem of a record component. javac has no source position for the component element
   * itself, but has one for the record's private field, which is declared by the same header entry.
   */
  public static Element site(RecordComponentElement component) {
    for (Element enclosed : component.getEnclosingElement().getEnclosedElements()) {
      if (enclosed.getKind() == ElementKind.FIELD && enclosed.getSimpleName().equals(component.getSimpleName())) {
        return enclosed;
      }
    }
    return component;
  }

  /** A generated codec in the same package can reach it: neither it nor an enclosing type is private. */
  static boolean accessible(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
    }
    return true;
  }
}
