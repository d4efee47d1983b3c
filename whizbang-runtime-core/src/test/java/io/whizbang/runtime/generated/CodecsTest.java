package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shared codecs and combinators the generated codecs are built from. */
class CodecsTest {

  enum Size { SMALL, LARGE }

  private static <T> String encode(JsonCodec<T> codec, T value) {
    return new String(Json.encode(codec, value), StandardCharsets.UTF_8);
  }

  private static <T> T decode(JsonCodec<T> codec, String json) {
    return Json.decode(codec, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void javaTimeValuesAreIsoStrings() {
    assertThat(encode(Codecs.INSTANT, Instant.parse("2025-01-02T03:04:05.600Z")))
        .isEqualTo("\"2025-01-02T03:04:05.600Z\"");
    assertThat(encode(Codecs.LOCAL_DATE, LocalDate.of(2025, 1, 2))).isEqualTo("\"2025-01-02\"");
    assertThat(encode(Codecs.LOCAL_TIME, LocalTime.of(10, 0))).isEqualTo("\"10:00:00\"");
    assertThat(encode(Codecs.LOCAL_DATE_TIME, LocalDateTime.of(2025, 1, 2, 10, 0)))
        .isEqualTo("\"2025-01-02T10:00:00\"");
    assertThat(encode(Codecs.DURATION, Duration.ofMinutes(90))).isEqualTo("\"PT1H30M\"");
    assertThat(encode(Codecs.PERIOD, Period.of(1, 2, 3))).isEqualTo("\"P1Y2M3D\"");
    ZonedDateTime zoned = ZonedDateTime.parse("2025-03-30T03:30+02:00[Europe/Paris]");
    assertThat(decode(Codecs.ZONED_DATE_TIME, encode(Codecs.ZONED_DATE_TIME, zoned))).isEqualTo(zoned);
    OffsetDateTime offset = OffsetDateTime.parse("2025-03-30T03:30:00.000000001-05:30");
    assertThat(decode(Codecs.OFFSET_DATE_TIME, encode(Codecs.OFFSET_DATE_TIME, offset))).isEqualTo(offset);
  }

  @Test
  void bigNumbersKeepEveryDigitAndTheScale() {
    BigDecimal decimal = new BigDecimal("-0.000000000000000000000000000000000123450");
    BigInteger integer = BigInteger.TWO.pow(2000);

    assertThat(decode(Codecs.BIG_DECIMAL, encode(Codecs.BIG_DECIMAL, decimal))).isEqualTo(decimal);
    assertThat(decode(Codecs.BIG_INTEGER, encode(Codecs.BIG_INTEGER, integer))).isEqualTo(integer);
  }

  @Test
  void uuidsAreParsedStrictly() {
    UUID id = UUID.randomUUID();
    assertThat(decode(Codecs.UUID, encode(Codecs.UUID, id))).isEqualTo(id);
    assertThatThrownBy(() -> decode(Codecs.UUID, "\"1-2-3-4-5\""))
        .isInstanceOf(CodecException.class).hasMessageContaining("expected a UUID string");
  }

  @Test
  void listsSetsAndMapsKeepOrderAndNulls() {
    JsonCodec<List<String>> list = Codecs.list(Codecs.STRING);
    JsonCodec<Set<Integer>> set = Codecs.set(Codecs.INTEGER);
    JsonCodec<Map<UUID, Long>> map = Codecs.map(MapKey.UUID, Codecs.LONG);
    Map<UUID, Long> values = new LinkedHashMap<>();
    values.put(new UUID(0, 2), 2L);
    values.put(new UUID(0, 1), null);

    assertThat(decode(list, "[\"b\",null,\"a\"]")).containsExactly("b", null, "a");
    assertThat(decode(set, "[3,1,2,1]")).containsExactly(3, 1, 2);
    assertThat(decode(map, encode(map, values))).containsExactlyEntriesOf(values);
  }

  @Test
  void enumsAreWrittenByNameAndUnknownNamesAreErrors() {
    EnumCodec<Size> sizes = Codecs.enumCodec("Size", Size.values());
    JsonCodec<Map<Size, Integer>> bySize = Codecs.map(sizes, Codecs.INTEGER);

    assertThat(encode(sizes, Size.LARGE)).isEqualTo("\"LARGE\"");
    assertThat(decode(bySize, "{\"SMALL\":1}")).containsEntry(Size.SMALL, 1);
    assertThatThrownBy(() -> decode(sizes, "\"MEDIUM\""))
        .isInstanceOf(CodecException.class).hasMessageContaining("expected one of Size [");
    assertThatThrownBy(() -> decode(bySize, "{\"MEDIUM\":1}"))
        .isInstanceOf(CodecException.class).hasMessageContaining("invalid map key \"MEDIUM\"");
  }

  @Test
  void primitiveArraysRoundTrip() {
    int[] ints = {Integer.MIN_VALUE, 0, Integer.MAX_VALUE};
    byte[] bytes = {0, -1, 127, -128};

    assertThat(decode(Codecs.INT_ARRAY, encode(Codecs.INT_ARRAY, ints))).containsExactly(ints);
    assertThat(encode(Codecs.BYTE_ARRAY, bytes)).isEqualTo("\"AP9/gA==\"");
    assertThat(decode(Codecs.BYTE_ARRAY, "\"AP9/gA==\"")).containsExactly(bytes);
    assertThat(decode(Codecs.CHAR_ARRAY, "\"hé\"")).containsExactly('h', 'é');
    assertThat(Arrays.toString(decode(Codecs.BOOLEAN_ARRAY, "[true,false]"))).isEqualTo("[true, false]");
  }

  @Test
  void anElementOfTheWrongTypeNamesItsIndex() {
    assertThatThrownBy(() -> decode(Codecs.list(Codecs.LONG), "[1,2,\"3\"]"))
        .isInstanceOf(CodecException.class).hasMessage("[2]: expected an integer between -9223372036854775808 and 9223372036854775807, found the string \"3\" at line 1, column 6");
  }

  @Test
  void anUnclosedArrayIsAnError() {
    assertThatThrownBy(() -> decode(Codecs.list(Codecs.LONG), "[1,2"))
        .isInstanceOf(CodecException.class).hasMessageContaining("Malformed JSON");
  }

  @Test
  void aFailedEncodeLeavesNothingBehindForTheNextDocument() {
    JsonCodec<Map<String, String>> map = Codecs.map(MapKey.STRING, Codecs.STRING);
    Map<String, String> withNullKey = new java.util.HashMap<>();
    withNullKey.put("a", "1");
    withNullKey.put(null, "2");

    assertThatThrownBy(() -> Json.encode(map, withNullKey)).isInstanceOf(CodecException.class)
        .hasMessageContaining("null key");
    assertThat(encode(map, Map.of("b", "2"))).isEqualTo("{\"b\":\"2\"}");
    assertThat(encode(Codecs.STRING, "next")).isEqualTo("\"next\"");
  }

  @Test
  void encodingNullIsRefused() {
    assertThatThrownBy(() -> Json.encode(Codecs.STRING, null)).isInstanceOf(CodecException.class);
  }
}
