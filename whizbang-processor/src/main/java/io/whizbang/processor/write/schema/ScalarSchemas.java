package io.whizbang.processor.write.schema;

import io.whizbang.processor.model.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schemas of the values with a fixed JSON form: primitives, their boxes and the shared runtime codecs
 * ({@code io.whizbang.runtime.generated.Codecs}). Each says what that codec writes and reads back: integers within
 * their Java range, BigDecimal and BigInteger as JSON numbers, UUIDs in their canonical form, java.time values as
 * ISO-8601 strings. A {@code format} is given only where every value the codec writes conforms to it
 * ({@code uuid}, {@code date-time} for Instant and OffsetDateTime, {@code date} for LocalDate); the other temporal
 * strings (a local time has no offset, a zoned date-time carries its zone id in brackets, durations may be negative)
 * say their form in a description instead.
 */
final class ScalarSchemas {

  private ScalarSchemas() {}

  static Map<String, Object> of(String keyword, Object value) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put(keyword, value);
    return schema;
  }

  static Map<String, Object> primitive(String name) {
    return switch (name) {
      case "boolean" -> of("type", "boolean");
      case "char" -> {
        Map<String, Object> schema = of("type", "string");
        schema.put("minLength", 1);
        schema.put("maxLength", 1);
        yield schema;
      }
      case "byte" -> integer(Byte.MIN_VALUE, Byte.MAX_VALUE);
      case "short" -> integer(Short.MIN_VALUE, Short.MAX_VALUE);
      case "int" -> integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
      case "long" -> integer(Long.MIN_VALUE, Long.MAX_VALUE);
      case "double", "float" -> floating();
      default -> throw new IllegalArgumentException("not a primitive: " + name);
    };
  }

  /** A Jackson-written double or float: a number, or one of the strings it writes for the non-finite values. */
  private static Map<String, Object> floating() {
    Map<String, Object> nonFinite = of("type", "string");
    nonFinite.put("enum", List.of("NaN", "Infinity", "-Infinity"));
    return of("anyOf", List.of(of("type", "number"), nonFinite));
  }

  private static Map<String, Object> integer(long minimum, long maximum) {
    Map<String, Object> schema = of("type", "integer");
    schema.put("minimum", minimum);
    schema.put("maximum", maximum);
    return schema;
  }

  static Map<String, Object> shared(String constant) {
    return switch (constant) {
      case "UUID" -> string("uuid", null);
      case "BIG_DECIMAL" -> of("type", "number");
      case "BIG_INTEGER" -> of("type", "integer");
      case "INSTANT" -> string("date-time", "an instant in UTC, ISO-8601 (2025-01-02T10:15:30Z)");
      case "OFFSET_DATE_TIME" -> string("date-time", "a date-time with offset, ISO-8601 (2025-01-02T10:15:30+01:00)");
      case "LOCAL_DATE" -> string("date", null);
      case "LOCAL_TIME" -> string(null, "a local time, ISO-8601 (10:15:30)");
      case "LOCAL_DATE_TIME" -> string(null, "a local date-time, ISO-8601 (2025-01-02T10:15:30)");
      case "ZONED_DATE_TIME" -> string(null, "a date-time with offset and zone id, ISO-8601 "
          + "(2025-01-02T10:15:30+01:00[Europe/Paris])");
      case "DURATION" -> string(null, "a duration, ISO-8601 (PT1H30M)");
      case "PERIOD" -> string(null, "a period, ISO-8601 (P1Y2M3D)");
      case "BYTE_ARRAY" -> {
        Map<String, Object> schema = of("type", "string");
        schema.put("contentEncoding", "base64");
        yield schema;
      }
      case "CHAR_ARRAY" -> of("type", "string");
      case "INT_ARRAY" -> array(primitive("int"));
      case "LONG_ARRAY" -> array(primitive("long"));
      case "SHORT_ARRAY" -> array(primitive("short"));
      case "DOUBLE_ARRAY" -> array(primitive("double"));
      case "FLOAT_ARRAY" -> array(primitive("float"));
      case "BOOLEAN_ARRAY" -> array(primitive("boolean"));
      default -> throw new IllegalArgumentException("no schema for the shared codec " + constant);
    };
  }

  /** The field names of a map with non-string keys, as {@code MapKey} writes them; null for String keys. */
  static Map<String, Object> mapKey(ValueType.MapKeyType key) {
    if (key.enumType() != null) {
      return of("enum", key.enumConstants());
    }
    return switch (key.constant()) {
      case "STRING" -> null;
      case "UUID" -> string("uuid", null);
      // Integers as Long.toString writes them: the reader refuses any other spelling.
      default -> of("pattern", "^(0|-?[1-9][0-9]*)$");
    };
  }

  private static Map<String, Object> array(Map<String, Object> items) {
    Map<String, Object> schema = of("type", "array");
    schema.put("items", items);
    return schema;
  }

  private static Map<String, Object> string(String format, String description) {
    Map<String, Object> schema = of("type", "string");
    if (format != null) {
      schema.put("format", format);
    }
    if (description != null) {
      schema.put("description", description);
    }
    return schema;
  }
}
