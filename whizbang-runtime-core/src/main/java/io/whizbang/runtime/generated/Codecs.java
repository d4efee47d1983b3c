package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.core.internal.CodecLimits;
import io.whizbang.runtime.core.internal.StrictUuid;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Codecs for the value types generated codecs hold in {@code static final} fields, and combinators for
 * collections, maps and enums. Every one writes what databind (with JavaTimeModule, Jdk8Module and
 * {@code WRITE_DATES_AS_TIMESTAMPS} / {@code WRITE_DURATIONS_AS_TIMESTAMPS} off) writes, and reads it back.
 *
 * <pre>{@code
 * private static final JsonCodec<List<OrderLine>> LINES = Codecs.list(OrderLine_JsonCodec.INSTANCE);
 * }</pre>
 */
public final class Codecs {

  private Codecs() {}

  public static final JsonCodec<String> STRING = new Scalar<>("a string") {
    @Override
    public void write(JsonGenerator out, String value) throws IOException {
      out.writeString(value);
    }

    @Override
    public String read(JsonParser in) throws IOException {
      return in.currentToken() == JsonToken.VALUE_STRING ? in.getText() : fail(in);
    }
  };

  public static final JsonCodec<Boolean> BOOLEAN = new Scalar<>("true or false") {
    @Override
    public void write(JsonGenerator out, Boolean value) throws IOException {
      out.writeBoolean(value);
    }

    @Override
    public Boolean read(JsonParser in) throws IOException {
      return JsonValues.readBoolean(in, null, null);
    }
  };

  public static final JsonCodec<Integer> INTEGER = new Scalar<>("an int") {
    @Override
    public void write(JsonGenerator out, Integer value) throws IOException {
      out.writeNumber(value.intValue());
    }

    @Override
    public Integer read(JsonParser in) throws IOException {
      return JsonValues.readInt(in, null, null);
    }
  };

  public static final JsonCodec<Long> LONG = new Scalar<>("a long") {
    @Override
    public void write(JsonGenerator out, Long value) throws IOException {
      out.writeNumber(value.longValue());
    }

    @Override
    public Long read(JsonParser in) throws IOException {
      return JsonValues.readLong(in, null, null);
    }
  };

  public static final JsonCodec<Short> SHORT = new Scalar<>("a short") {
    @Override
    public void write(JsonGenerator out, Short value) throws IOException {
      out.writeNumber(value.shortValue());
    }

    @Override
    public Short read(JsonParser in) throws IOException {
      return JsonValues.readShort(in, null, null);
    }
  };

  public static final JsonCodec<Byte> BYTE = new Scalar<>("a byte") {
    @Override
    public void write(JsonGenerator out, Byte value) throws IOException {
      out.writeNumber(value.intValue());
    }

    @Override
    public Byte read(JsonParser in) throws IOException {
      return JsonValues.readByte(in, null, null);
    }
  };

  public static final JsonCodec<Double> DOUBLE = new Scalar<>("a number") {
    @Override
    public void write(JsonGenerator out, Double value) throws IOException {
      out.writeNumber(value.doubleValue());
    }

    @Override
    public Double read(JsonParser in) throws IOException {
      return JsonValues.readDouble(in, null, null);
    }
  };

  public static final JsonCodec<Float> FLOAT = new Scalar<>("a number") {
    @Override
    public void write(JsonGenerator out, Float value) throws IOException {
      out.writeNumber(value.floatValue());
    }

    @Override
    public Float read(JsonParser in) throws IOException {
      return JsonValues.readFloat(in, null, null);
    }
  };

  public static final JsonCodec<Character> CHARACTER = new Scalar<>("a one-character string") {
    @Override
    public void write(JsonGenerator out, Character value) throws IOException {
      JsonValues.writeChar(out, value.charValue());
    }

    @Override
    public Character read(JsonParser in) throws IOException {
      return JsonValues.readChar(in, null, null);
    }
  };

  /** Within {@link CodecLimits#MAX_NUMBER_DIGITS} digits and a scale of ±{@link CodecLimits#MAX_DECIMAL_SCALE}. */
  public static final JsonCodec<BigDecimal> BIG_DECIMAL = BoundedNumbers.BIG_DECIMAL;

  /** Within {@link CodecLimits#MAX_NUMBER_DIGITS} digits. */
  public static final JsonCodec<BigInteger> BIG_INTEGER = BoundedNumbers.BIG_INTEGER;

  public static final JsonCodec<java.util.UUID> UUID = new UuidCodec();

  public static final JsonCodec<Instant> INSTANT = new InstantCodec();

  public static final JsonCodec<LocalDate> LOCAL_DATE =
      new TextCodec<>("an ISO-8601 date string", DateTimeFormatter.ISO_LOCAL_DATE::format, LocalDate::parse);

  public static final JsonCodec<LocalDateTime> LOCAL_DATE_TIME = new TextCodec<>(
      "an ISO-8601 local date-time string", DateTimeFormatter.ISO_LOCAL_DATE_TIME::format, LocalDateTime::parse);

  public static final JsonCodec<LocalTime> LOCAL_TIME =
      new TextCodec<>("an ISO-8601 local time string", DateTimeFormatter.ISO_LOCAL_TIME::format, LocalTime::parse);

  public static final JsonCodec<OffsetDateTime> OFFSET_DATE_TIME = new TextCodec<>(
      "an ISO-8601 date-time string with offset", DateTimeFormatter.ISO_OFFSET_DATE_TIME::format,
      OffsetDateTime::parse);

  /**
   * Written with its zone id ({@code 2025-01-02T10:15:30+01:00[Europe/Paris]}) so that it reads back equal; this is
   * databind's output with {@code WRITE_DATES_WITH_ZONE_ID}, and databind reads it in either configuration.
   */
  public static final JsonCodec<ZonedDateTime> ZONED_DATE_TIME = new TextCodec<>(
      "an ISO-8601 zoned date-time string", DateTimeFormatter.ISO_ZONED_DATE_TIME::format,
      text -> ZonedDateTime.parse(text, DateTimeFormatter.ISO_ZONED_DATE_TIME));

  public static final JsonCodec<Duration> DURATION =
      new TextCodec<>("an ISO-8601 duration string (PT1H)", Duration::toString, Duration::parse);

  public static final JsonCodec<Period> PERIOD =
      new TextCodec<>("an ISO-8601 period string (P1Y2M3D)", Period::toString, Period::parse);

  /** Bytes as a base64 string (Jackson's default MIME variant without line feeds, as databind writes them). */
  public static final JsonCodec<byte[]> BYTE_ARRAY = new Scalar<>("a base64 string") {
    @Override
    public void write(JsonGenerator out, byte[] value) throws IOException {
      out.writeBinary(value);
    }

    @Override
    public byte[] read(JsonParser in) throws IOException {
      if (in.currentToken() != JsonToken.VALUE_STRING) {
        return fail(in);
      }
      try {
        return in.getBinaryValue();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new CodecException("expected a base64 string (" + e.getOriginalMessage() + ") at "
            + JsonValues.position(in), e);
      }
    }
  };

  public static final JsonCodec<int[]> INT_ARRAY = PrimitiveArrays.INT;
  public static final JsonCodec<long[]> LONG_ARRAY = PrimitiveArrays.LONG;
  public static final JsonCodec<short[]> SHORT_ARRAY = PrimitiveArrays.SHORT;
  public static final JsonCodec<double[]> DOUBLE_ARRAY = PrimitiveArrays.DOUBLE;
  public static final JsonCodec<float[]> FLOAT_ARRAY = PrimitiveArrays.FLOAT;
  public static final JsonCodec<boolean[]> BOOLEAN_ARRAY = PrimitiveArrays.BOOLEAN;

  /** A {@code char[]} is written as a string, as databind does. */
  public static final JsonCodec<char[]> CHAR_ARRAY = new Scalar<>("a string") {
    @Override
    public void write(JsonGenerator out, char[] value) throws IOException {
      out.writeString(value, 0, value.length);
    }

    @Override
    public char[] read(JsonParser in) throws IOException {
      return in.currentToken() == JsonToken.VALUE_STRING ? in.getText().toCharArray() : fail(in);
    }
  };

  /** A list as a JSON array; the list read is unmodifiable and may hold nulls. */
  public static <E> JsonCodec<List<E>> list(JsonCodec<E> element) {
    return new ListCodec<>(element, false);
  }

  /** A set as a JSON array; the set read is unmodifiable, keeps the input order and may hold a null. */
  public static <E> JsonCodec<Set<E>> set(JsonCodec<E> element) {
    return new ListCodec<>(element, true);
  }

  /** A map as a JSON object: keys become field names ({@link MapKey}). */
  public static <K, V> JsonCodec<Map<K, V>> map(MapKey<K> key, JsonCodec<V> value) {
    return new MapCodec<>(key, value);
  }

  /** An enum by constant name; {@code typeName} is used in error messages. */
  public static <E extends Enum<E>> EnumCodec<E> enumCodec(String typeName, E[] constants) {
    return new EnumCodec<>(typeName, constants);
  }

  /** Strict UUID parsing ({@link StrictUuid}): the canonical 36 characters, ASCII hex digits only. */
  static java.util.UUID parseUuid(String text) {
    java.util.UUID uuid = StrictUuid.parseOrNull(text);
    if (uuid == null) {
      throw new IllegalArgumentException("not a UUID (8-4-4-4-12 ASCII hex digits)");
    }
    return uuid;
  }

  /** A codec of one JSON scalar with a description for its error message. */
  abstract static class Scalar<T> implements JsonCodec<T> {
    private final String expected;

    Scalar(String expected) {
      this.expected = expected;
    }

    final T fail(JsonParser in) throws IOException {
      throw new CodecException("expected " + expected + ", found " + JsonValues.describe(in) + " at "
          + JsonValues.position(in));
    }
  }
}
