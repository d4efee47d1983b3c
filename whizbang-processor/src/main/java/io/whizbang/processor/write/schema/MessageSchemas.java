package io.whizbang.processor.write.schema;

import com.palantir.javapoet.ClassName;
import io.whizbang.processor.model.Component;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.RecordModel;
import io.whizbang.processor.model.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the JSON Schema (draft 2020-12) of one message type: exactly what its generated codec writes and accepts.
 *
 * <p>Properties are listed in component order. {@code required} names every component the codec requires: all but
 * {@code @Nullable} and {@code Optional} ones (a {@code @Nullable} primitive is required all the same). A component
 * that is not required may be absent or null, as the reader accepts; collection elements and map values may be
 * null. Unknown fields are allowed (no {@code additionalProperties: false}): readers skip them, which is what lets a
 * producer add a field before its consumers know it. Records inside the message are {@code $defs}, named by their
 * qualified Java name, and referred to with {@code $ref}.
 */
public final class MessageSchemas {

  static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

  private final Map<ClassName, RecordModel> records;

  /** @param records every record whose codec this compilation generates, so nested records can be described */
  public MessageSchemas(List<RecordModel> records) {
    this.records = new LinkedHashMap<>();
    records.forEach(record -> this.records.put(record.type(), record));
  }

  /** The schema file's text. */
  public String text(MessageModel message) {
    return PrettyJson.print(schema(message));
  }

  /** The schema as maps and lists, in the order it is printed. */
  public Map<String, Object> schema(MessageModel message) {
    RecordModel root = records.get(message.type());
    if (root == null) {
      throw new IllegalStateException("no codec model for " + message.type());
    }
    Map<String, Map<String, Object>> definitions = new TreeMap<>();
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", DRAFT);
    schema.put("title", message.wireName());
    schema.put("description", (message.kind() == MessageModel.Kind.COMMAND ? "Command" : "Event") + " "
        + message.type().canonicalName() + " of domain \"" + message.domain() + "\", as its generated codec writes it.");
    schema.put("x-whizbang", metadata(message));
    schema.putAll(object(root, message.type(), definitions));
    if (!definitions.isEmpty()) {
      schema.put("$defs", definitions);
    }
    return schema;
  }

  /** The routing facts of the message, which a JSON Schema keyword cannot say. */
  static Map<String, Object> metadata(MessageModel message) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("wireName", message.wireName());
    metadata.put("kind", message.kind() == MessageModel.Kind.COMMAND ? "command" : "event");
    metadata.put("domain", message.domain());
    metadata.put("javaType", message.type().canonicalName());
    metadata.put("version", message.version());
    message.partitionKey().ifPresent(key -> metadata.put("partitionKey", key.accessor()));
    return metadata;
  }

  private Map<String, Object> object(RecordModel record, ClassName root, Map<String, Map<String, Object>> defs) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (Component component : record.components()) {
      Map<String, Object> value = component.type() instanceof ValueType.OptionalValue optional
          ? value(optional.element(), root, defs) : value(component.type(), root, defs);
      if (isRequired(component)) {
        required.add(component.name());
        properties.put(component.name(), value);
      } else {
        properties.put(component.name(), orNull(value));
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return schema;
  }

  /** The codec's rule (CodecWriter.isRequired): a primitive is always present; others unless @Nullable or Optional. */
  static boolean isRequired(Component component) {
    return component.type() instanceof ValueType.Primitive
        || !component.nullable() && !(component.type() instanceof ValueType.OptionalValue);
  }

  private Map<String, Object> value(ValueType type, ClassName root, Map<String, Map<String, Object>> defs) {
    if (type instanceof ValueType.Primitive primitive) {
      return ScalarSchemas.primitive(primitive.name());
    }
    if (type instanceof ValueType.Boxed boxed) {
      return ScalarSchemas.primitive(boxed.name());
    }
    if (type instanceof ValueType.Text) {
      return ScalarSchemas.of("type", "string");
    }
    if (type instanceof ValueType.Shared shared) {
      return ScalarSchemas.shared(shared.constant());
    }
    if (type instanceof ValueType.EnumValue enumValue) {
      Map<String, Object> schema = ScalarSchemas.of("type", "string");
      schema.put("enum", enumValue.constants());
      return schema;
    }
    if (type instanceof ValueType.RecordValue recordValue) {
      return reference(recordValue.javaType(), root, defs);
    }
    if (type instanceof ValueType.CollectionValue collection) {
      Map<String, Object> schema = ScalarSchemas.of("type", "array");
      schema.put("items", orNull(value(collection.element(), root, defs)));
      return schema;
    }
    if (type instanceof ValueType.MapValue map) {
      Map<String, Object> schema = ScalarSchemas.of("type", "object");
      Map<String, Object> keys = ScalarSchemas.mapKey(map.key());
      if (keys != null) {
        schema.put("propertyNames", keys);
      }
      schema.put("additionalProperties", orNull(value(map.value(), root, defs)));
      return schema;
    }
    throw new IllegalArgumentException("no schema for " + type);
  }

  private Map<String, Object> reference(ClassName type, ClassName root, Map<String, Map<String, Object>> defs) {
    if (type.equals(root)) {
      // A tree whose nodes are the message itself.
      return ScalarSchemas.of("$ref", "#");
    }
    String name = type.canonicalName();
    if (!defs.containsKey(name)) {
      RecordModel record = records.get(type);
      if (record == null) {
        // Its codec comes from a library compiled earlier: its components are not read in this compilation.
        Map<String, Object> opaque = ScalarSchemas.of("type", "object");
        opaque.put("description", type.canonicalName() + ", encoded by the codec of the library that declares it");
        defs.put(name, opaque);
      } else {
        defs.put(name, Map.of()); // placeholder first: a record that contains itself refers to its own definition
        defs.put(name, object(record, root, defs));
      }
    }
    return ScalarSchemas.of("$ref", "#/$defs/" + name);
  }

  /** The value or JSON null. */
  static Map<String, Object> orNull(Map<String, Object> schema) {
    Object type = schema.get("type");
    if (type instanceof String single && !schema.containsKey("enum")) {
      Map<String, Object> copy = new LinkedHashMap<>(schema);
      copy.put("type", List.of(single, "null"));
      return copy;
    }
    Map<String, Object> either = new LinkedHashMap<>();
    either.put("anyOf", List.of(schema, ScalarSchemas.of("type", "null")));
    return either;
  }
}
