// Over 400 lines on purpose: every value reader and writer the generated codecs call, one short static method per
// Java type, under the one class name the processor writes into them (RuntimeTypes). Codecs already compiled into
// services call these methods by this class's name, so moving some elsewhere would break them; and a reader sits
// next to its writer and the error messages they share.
package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.core.internal.Clipped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Value readers and writers used by generated codecs: each reader checks the current token and throws a
 * {@link CodecException} that names the type, the field and the position when it does not fit.
 *
 * <pre>{@code int quantity = JsonValues.readInt(in, "OrderPlaced", "quantity");}</pre>
 *
 * <p>Static and small on purpose: the JIT inlines them into the generated {@code read} methods.
 */
public final class JsonValues {

  private JsonValues() {}

  /** Checks that the parser is on the start of an object, the first token of every record. */
  public static void expectStartObject(JsonParser in, String type) throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      throw new CodecException("Cannot decode " + type + ": expected an object, found " + describe(in) + " at "
          + position(in));
    }
  }

  /** Checks that the field loop ended on the object's end rather than on the end of the input. */
  public static void expectEndObject(JsonParser in, String type) throws IOException {
    if (in.currentToken() != JsonToken.END_OBJECT) {
      throw new CodecException("Cannot decode " + type + ": expected a field name or '}', found " + describe(in)
          + " at " + position(in));
    }
  }

  /** The error for a required field the object did not contain. */
  public static CodecException missingField(JsonParser in, String type, String field) {
    return new CodecException("Cannot decode " + type + ": required field '" + field + "' is missing in the object"
        + " ending at " + position(in) + " (make the component Optional or annotate it @Nullable to allow that)");
  }

  /**
   * The error for a field that appears twice in one object. Refused rather than "last one wins": two readers of the
   * same bytes (this codec, a databind consumer, a log search) must not see two different messages.
   */
  public static CodecException duplicateField(JsonParser in, String type, String field) {
    return new CodecException("Cannot decode " + type + ": field '" + field + "' appears twice in the object, at "
        + position(in));
  }

  /** The error for a value of the wrong JSON type. */
  public static CodecException wrongToken(JsonParser in, String type, String field, String expected) {
    String where = type == null ? "" : "Cannot decode " + type + "." + field + ": ";
    if (in.currentToken() == JsonToken.VALUE_NULL) {
      return new CodecException(where + "null is not allowed, expected " + expected + " at " + position(in)
          + (type == null ? "" : NULL_HINT));
    }
    return new CodecException(where + "expected " + expected + ", found " + describe(in) + " at " + position(in));
  }

  private static final String NULL_HINT =
      " (a component that may be null must be a reference type annotated @Nullable, or an Optional)";

  /** Prefixes an element's error with its index or key, built only when there is an error. */
  static CodecException inElement(Object indexOrKey, CodecException error) {
    String label = indexOrKey instanceof Integer ? "[" + indexOrKey + "]"
        : "[\"" + Clipped.text(String.valueOf(indexOrKey), 40) + "\"]";
    return new CodecException(label + ": " + error.getMessage(), error);
  }

  public static boolean readBoolean(JsonParser in, String type, String field) throws IOException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (token == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw wrongToken(in, type, field, "true or false");
  }

  public static int readInt(JsonParser in, String type, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NUMBER_INT && in.getNumberType() == JsonParser.NumberType.INT) {
      return in.getIntValue();
    }
    throw wrongToken(in, type, field, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
  }

  public static long readLong(JsonParser in, String type, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType numberType = in.getNumberType();
      if (numberType == JsonParser.NumberType.INT || numberType == JsonParser.NumberType.LONG) {
        return in.getLongValue();
      }
    }
    throw wrongToken(in, type, field, "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
  }

  public static short readShort(JsonParser in, String type, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NUMBER_INT && in.getNumberType() == JsonParser.NumberType.INT) {
      int value = in.getIntValue();
      if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
        return (short) value;
      }
    }
    throw wrongToken(in, type, field, "an integer between " + Short.MIN_VALUE + " and " + Short.MAX_VALUE);
  }

  public static byte readByte(JsonParser in, String type, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NUMBER_INT && in.getNumberType() == JsonParser.NumberType.INT) {
      int value = in.getIntValue();
      if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
        return (byte) value;
      }
    }
    throw wrongToken(in, type, field, "an integer between " + Byte.MIN_VALUE + " and " + Byte.MAX_VALUE);
  }

  /**
   * Reads a double. Non-finite values are written by Jackson as the strings {@code "NaN"}, {@code "Infinity"} and
   * {@code "-Infinity"} (as databind does), so those three strings are accepted too. A number beyond the range of a
   * double ({@code 1e400}) is refused rather than read as infinity; one too small to represent reads as zero, as
   * any decimal fraction reads as the nearest double.
   */
  public static double readDouble(JsonParser in, String type, String field) throws IOException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
      double value = in.getDoubleValue();
      if (Double.isInfinite(value)) {
        throw wrongToken(in, type, field, "a number within the range of a double (at most " + Double.MAX_VALUE
            + " either sign)");
      }
      return value;
    }
    if (token == JsonToken.VALUE_STRING) {
      switch (in.getText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw wrongToken(in, type, field, "a number");
  }

  /** Reads a float as {@link #readDouble} reads a double; beyond the range of a float is refused too. */
  public static float readFloat(JsonParser in, String type, String field) throws IOException {
    double value = readDouble(in, type, field);
    float narrowed = (float) value;
    if (Float.isInfinite(narrowed) && !Double.isInfinite(value)) {
      throw wrongToken(in, type, field, "a number within the range of a float (at most " + Float.MAX_VALUE
          + " either sign)");
    }
    return narrowed;
  }

  /** Reads a char, written as a one-character string (as databind does). */
  public static char readChar(JsonParser in, String type, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_STRING) {
      String text = in.getText();
      if (text.length() == 1) {
        return text.charAt(0);
      }
    }
    throw wrongToken(in, type, field, "a one-character string");
  }

  /** Reads a string; JSON null is refused (the component is neither @Nullable nor Optional). */
  public static String readRequiredString(JsonParser in, String type, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_STRING) {
      return in.getText();
    }
    throw wrongToken(in, type, field, "a string");
  }

  /** Reads a string or {@code null}. */
  public static String readString(JsonParser in, String type, String field) throws IOException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return in.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    throw wrongToken(in, type, field, "a string");
  }

  public static Boolean readBooleanOrNull(JsonParser in, String type, String field) throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : readBoolean(in, type, field);
  }

  public static Integer readIntOrNull(JsonParser in, String type, String field) throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : readInt(in, type, field);
  }

  public static Long readLongOrNull(JsonParser in, String type, String field) throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : readLong(in, type, field);
  }

  public static Short readShortOrNull(JsonParser in, String type, String field) throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : readShort(in, type, field);
  }

  public static Byte readByteOrNull(JsonParser in, String type, String field) throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : readByte(in, type, field);
  }

  public static Double readDoubleOrNull(JsonParser in, String type, String field) throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : readDouble(in, type, field);
  }

  public static Float readFloatOrNull(JsonParser in, String type, String field) throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : readFloat(in, type, field);
  }

  public static Character readCharOrNull(JsonParser in, String type, String field) throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : readChar(in, type, field);
  }

  /**
   * Reads a value with {@code codec}, or {@code null} for a JSON null. A {@link CodecException} from inside is
   * rethrown with the field's path in front, so nested errors read {@code Order.lines: OrderLine.sku: ...}.
   */
  public static <T> T read(JsonParser in, JsonCodec<T> codec, String type, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    try {
      return codec.read(in);
    } catch (CodecException e) {
      throw new CodecException(type + "." + field + ": " + e.getMessage(), e);
    }
  }

  /** Reads a value with {@code codec} as {@link #read} does; JSON null is refused. */
  public static <T> T readRequired(JsonParser in, JsonCodec<T> codec, String type, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NULL) {
      throw wrongToken(in, type, field, "a value");
    }
    return read(in, codec, type, field);
  }

  /** Reads an {@link Optional}: a JSON null is {@link Optional#empty()}. */
  public static <T> Optional<T> readOptional(JsonParser in, JsonCodec<T> codec, String type, String field)
      throws IOException {
    return Optional.ofNullable(read(in, codec, type, field));
  }

  /**
   * Refuses to encode {@code null} for a component that is neither {@code @Nullable} nor an {@code Optional}: every
   * reader of the message would refuse it, so it fails where it is sent, before it reaches an outbox or a broker.
   */
  public static void requireForEncoding(Object value, String type, String field) {
    if (value == null) {
      throw new CodecException("Cannot encode " + type + ": " + field + " is null, but the component is neither"
          + " @Nullable nor an Optional, so every reader would refuse the message; annotate it @Nullable (or make it"
          + " an Optional) where null is meant");
    }
  }

  /** Writes {@code value} with {@code codec}, or a JSON null. */
  public static <T> void write(JsonGenerator out, JsonCodec<T> codec, T value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      codec.write(out, value);
    }
  }

  /** Writes an {@link Optional}'s value, or a JSON null when it is empty or null (as databind's Jdk8Module does). */
  public static <T> void writeOptional(JsonGenerator out, JsonCodec<T> codec, Optional<T> value)
      throws IOException {
    if (value == null || value.isEmpty()) {
      out.writeNull();
    } else {
      codec.write(out, value.get());
    }
  }

  public static void writeBoolean(JsonGenerator out, Boolean value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeBoolean(value);
    }
  }

  public static void writeNumber(JsonGenerator out, Integer value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeNumber(value.intValue());
    }
  }

  public static void writeNumber(JsonGenerator out, Long value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeNumber(value.longValue());
    }
  }

  public static void writeNumber(JsonGenerator out, Short value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeNumber(value.shortValue());
    }
  }

  public static void writeNumber(JsonGenerator out, Byte value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeNumber(value.intValue());
    }
  }

  public static void writeNumber(JsonGenerator out, Double value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeNumber(value.doubleValue());
    }
  }

  public static void writeNumber(JsonGenerator out, Float value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeNumber(value.floatValue());
    }
  }

  public static void writeChar(JsonGenerator out, char value) throws IOException {
    out.writeString(String.valueOf(value));
  }

  public static void writeChar(JsonGenerator out, Character value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeString(String.valueOf(value.charValue()));
    }
  }

  /** How a token reads in an error message. */
  public static String describe(JsonParser in) {
    try {
      return describeToken(in);
    } catch (IOException e) {
      return String.valueOf(in.currentToken());
    }
  }

  private static String describeToken(JsonParser in) throws IOException {
    JsonToken token = in.currentToken();
    if (token == null) {
      return "the end of the input";
    }
    switch (token) {
      case VALUE_STRING:
        return "the string \"" + Clipped.text(in.getText(), 40) + "\"";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "the number " + Clipped.text(in.getText(), 40);
      case VALUE_NULL:
        return "null";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "the boolean " + in.getText();
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case END_ARRAY:
        return "the end of an array";
      case END_OBJECT:
        return "the end of an object";
      case FIELD_NAME:
        return "the field name \"" + Clipped.text(in.currentName(), 40) + "\"";
      default:
        return token.toString();
    }
  }

  public static String position(JsonParser in) {
    return position(in.currentTokenLocation());
  }

  public static String position(JsonLocation location) {
    if (location == null) {
      return "an unknown position";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
