package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.core.internal.Clipped;
import io.whizbang.runtime.core.internal.CodecLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Values a hostile or careless sender can put in a message: each is refused with a {@link CodecException} that says
 * what was expected, never another exception, never a silently different value.
 */
class HostileValuesTest {

  private static <T> T decode(JsonCodec<T> codec, String json) {
    return Json.decode(codec, json.getBytes(StandardCharsets.UTF_8));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refusing(JsonCodec<?> codec, String json) {
    return assertThatThrownBy(() -> decode(codec, json)).isExactlyInstanceOf(CodecException.class);
  }

  @Test
  void aDecimalExponentBeyondWhatBigDecimalHoldsIsACodecException() {
    // Was a NumberFormatException, which the inbox retried as if a handler had failed.
    refusing(Codecs.BIG_DECIMAL, "1e2147483648").hasMessage("expected a number of at most 1000 digits with a scale"
        + " between -1000 and 1000 (see CodecLimits), found the number 1e2147483648 at line 1, column 1");
  }

  @Test
  void aDecimalWhoseArithmeticWouldNeedGigabytesIsRefused() {
    refusing(Codecs.BIG_DECIMAL, "1e999999999").hasMessageContaining("found the number 1e999999999");
    refusing(Codecs.BIG_DECIMAL, "-1E-1000000000").hasMessageContaining("scale between -1000 and 1000");
    refusing(Codecs.BIG_DECIMAL, "1" + "0".repeat(1000) + ".5").hasMessageContaining("at most 1000 digits");
  }

  @Test
  void everyMoneyValueAndMoreStillReads() {
    for (String money : List.of("0", "1249.95", "-0.000000000000000000000000000000000123450", "1e1000", "1e-1000",
        "9".repeat(1000), "123456789012345678901234567890.123456789")) {
      assertThat(decode(Codecs.BIG_DECIMAL, money)).isEqualTo(new BigDecimal(money));
    }
    assertThat(decode(Codecs.BIG_INTEGER, "9".repeat(1000))).isEqualTo(new BigInteger("9".repeat(1000)));
  }

  @Test
  void aBigIntegerOfMoreDigitsThanTheLimitIsRefused() {
    refusing(Codecs.BIG_INTEGER, "-" + "9".repeat(1001))
        .hasMessage("expected an integer of at most 1000 digits, found 1001 digits at line 1, column 1");
  }

  @Test
  void aUuidSpelledWithNonAsciiDigitsIsRefusedAsValueAndAsMapKey() {
    // U+0661 is ARABIC-INDIC DIGIT ONE: Character.digit reads it as 1, so it used to decode as ...0001.
    String arabicOne = "00000000-0000-0000-0000-00000000000\u0661";
    refusing(Codecs.UUID, "\"" + arabicOne + "\"").hasMessageContaining("expected a UUID string");
    refusing(Codecs.map(MapKey.UUID, Codecs.STRING), "{\"" + arabicOne + "\":\"x\"}")
        .hasMessageContaining("not a UUID (8-4-4-4-12 ASCII hex digits)");
    String fullWidthA = "00000000-0000-0000-0000-00000000000\uFF21";
    refusing(Codecs.UUID, "\"" + fullWidthA + "\"").hasMessageContaining("expected a UUID string");
    assertThat(decode(Codecs.UUID, "\"0196A7A4-6B00-7000-8000-0000000000AA\""))
        .isEqualTo(UUID.fromString("0196a7a4-6b00-7000-8000-0000000000aa"));
  }

  @Test
  void integerMapKeysHaveOneSpelling() {
    JsonCodec<Map<Integer, String>> codec = Codecs.map(MapKey.INTEGER, Codecs.STRING);
    assertThat(decode(codec, "{\"1\":\"a\",\"-1\":\"b\",\"0\":\"c\",\"2147483647\":\"d\"}"))
        .containsExactly(Map.entry(1, "a"), Map.entry(-1, "b"), Map.entry(0, "c"), Map.entry(Integer.MAX_VALUE, "d"));
    for (String key : List.of("01", "+1", "-0", " 1", "1 ", "", "-", "\u0661", "1e0", "0x1")) {
      refusing(codec, "{\"" + key + "\":\"a\"}").hasMessageContaining("not an integer written canonically");
    }
    refusing(codec, "{\"2147483648\":\"a\"}").hasMessageContaining("out of range: an integer between");
    refusing(Codecs.map(MapKey.BYTE, Codecs.STRING), "{\"128\":\"a\"}").hasMessageContaining("out of range");
    refusing(Codecs.map(MapKey.LONG, Codecs.STRING), "{\"9223372036854775808\":\"a\"}")
        .hasMessageContaining("out of range");
  }

  @Test
  void aMapKeyThatAppearsTwiceIsRefused() {
    refusing(Codecs.map(MapKey.STRING, Codecs.INTEGER), "{\"a\":1,\"b\":2,\"a\":3}")
        .hasMessage("map key \"a\" appears twice in the object, at line 1, column 18");
  }

  @Test
  void aNumberBeyondTheRangeOfADoubleOrFloatIsRefusedNotInfinity() {
    refusing(Codecs.DOUBLE, "1e400").hasMessage("expected a number within the range of a double (at most "
        + Double.MAX_VALUE + " either sign), found the number 1e400 at line 1, column 1");
    refusing(Codecs.DOUBLE, "-1e400").hasMessageContaining("within the range of a double");
    refusing(Codecs.FLOAT, "1e39").hasMessageContaining("within the range of a float");
    refusing(Codecs.DOUBLE_ARRAY, "[1, 1e999]").hasMessageContaining("[1]: expected a number within the range");
    assertThat(decode(Codecs.DOUBLE, "1e-400")).isEqualTo(0.0);
    assertThat(decode(Codecs.DOUBLE, "\"Infinity\"")).isInfinite();
    assertThat(decode(Codecs.FLOAT, "3.4028235e38")).isEqualTo(Float.MAX_VALUE);
  }

  @Test
  void deepNestingIsRefusedBeforeAnyCodecRecursesIntoIt() {
    // What a generated codec does with a field it does not know: skip it, however deep it goes.
    JsonCodec<String> skipping = new JsonCodec<>() {
      @Override
      public void write(com.fasterxml.jackson.core.JsonGenerator out, String value) {}

      @Override
      public String read(com.fasterxml.jackson.core.JsonParser in) throws java.io.IOException {
        in.skipChildren();
        return "skipped";
      }
    };
    assertThat(decode(skipping, "[".repeat(256) + "]".repeat(256))).isEqualTo("skipped");
    refusing(skipping, "[".repeat(100_000) + "]".repeat(100_000))
        .hasMessageStartingWith("Malformed JSON: Document nesting depth (257) exceeds the maximum allowed (256");
  }

  @Test
  void aHugeValueIsQuotedClippedInTheMessage() {
    String huge = "x".repeat(5_000_000);
    Throwable value = org.assertj.core.api.Assertions.catchThrowable(() -> decode(Codecs.UUID, "\"" + huge + "\""));
    assertThat(value).isExactlyInstanceOf(CodecException.class);
    assertThat(value.getMessage()).hasSizeLessThan(200)
        .startsWith("expected a UUID string (8-4-4-4-12 hex digits), found the string \"" + "x".repeat(40) + "...(");
    String longKey = "k".repeat(49_000);
    Throwable key = org.assertj.core.api.Assertions.catchThrowable(
        () -> decode(Codecs.map(MapKey.UUID, Codecs.STRING), "{\"" + longKey + "\":\"x\"}"));
    assertThat(key.getMessage()).hasSizeLessThan(200).startsWith("invalid map key \"" + "k".repeat(40) + "...(");
  }

  @Test
  void aQuotedValueCannotStartALogLineOrReorderTheMessage() {
    refusing(Codecs.UUID, "\"a\\nERROR forged line\\u202e\\ud800\"")
        .hasMessage("expected a UUID string (8-4-4-4-12 hex digits), found the string"
            + " \"a\\u000aERROR forged line\\u202e\\ud800\" at line 1, column 1");
    assertThat(Clipped.text("ok 😀 é", 40)).isEqualTo("ok 😀 é");
  }

  @Test
  void aMessageLongerThanTheLimitKeepsItsStartAndItsEnd() {
    String path = "Outer.field: ".repeat(1000);
    CodecException e = new CodecException(path + "expected a string, found the number 1 at line 1, column 9");
    assertThat(e.getMessage()).hasSizeLessThan(Clipped.MAX_MESSAGE + 60).startsWith("Outer.field: Outer.field")
        .contains("characters left out").endsWith("found the number 1 at line 1, column 9");
  }

  @Test
  void aFailureInsideACodecIsStillACodecException() {
    JsonCodec<String> broken = new JsonCodec<>() {
      @Override
      public void write(com.fasterxml.jackson.core.JsonGenerator out, String value) {}

      @Override
      public String read(com.fasterxml.jackson.core.JsonParser in) {
        throw new ClassCastException("class A cannot be cast to class B");
      }
    };
    refusing(broken, "{}").hasMessageContaining("the decoder failed with java.lang.ClassCastException")
        .hasCauseInstanceOf(ClassCastException.class);
  }

  @Test
  void nullForARequiredValueSaysHowToAllowIt() throws Exception {
    try (var in = Json.factory().createParser("null")) {
      in.nextToken();
      assertThatThrownBy(() -> JsonValues.readRequired(in, Codecs.UUID, "Order", "id"))
          .isExactlyInstanceOf(CodecException.class)
          .hasMessage("Cannot decode Order.id: null is not allowed, expected a value at line 1, column 1 (a component"
              + " that may be null must be a reference type annotated @Nullable, or an Optional)");
      assertThatThrownBy(() -> JsonValues.readRequiredString(in, "Order", "sku"))
          .hasMessageStartingWith("Cannot decode Order.sku: null is not allowed, expected a string at line 1");
      assertThat(JsonValues.readString(in, "Order", "note")).isNull();
    }
  }
}
