package io.whizbang.samples.quickstart.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.codec.Json;
import java.nio.charset.StandardCharsets;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated codecs agree with databind, in both directions, over extreme, null and random values; the generated
 * codec refuses what databind lets through, on write and on read: null for a component that is not @Nullable.
 */
class CodecRoundTripTest {

  static Stream<Everything> values() {
    return Stream.concat(Stream.of(Values.extremes(), Values.nulls()),
        LongStream.range(0, 100).mapToObj(Values::random));
  }

  /** The values the generated codec writes and reads: null for a component that is not @Nullable is refused. */
  static Stream<Everything> decodableValues() {
    return values().filter(value -> value != null && value.id() != null);
  }

  @org.junit.jupiter.api.Test
  void nullsInRequiredComponentsAreRefusedOnWriteAndOnRead() throws Exception {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.encode(Everything_JsonCodec.INSTANCE, Values.nulls()))
        .isInstanceOf(io.whizbang.runtime.codec.CodecException.class)
        .hasMessageStartingWith("Cannot encode Everything: id is null, but the component is neither @Nullable nor an"
            + " Optional");
    byte[] databinds = Oracle.MAPPER.writeValueAsBytes(Values.nulls());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.decode(Everything_JsonCodec.INSTANCE, databinds))
        .isInstanceOf(io.whizbang.runtime.codec.CodecException.class)
        .hasMessageStartingWith("Cannot decode Everything.id: null is not allowed");
  }

  @ParameterizedTest
  @MethodSource("decodableValues")
  void generatedOutputReadsBackEqual(Everything value) {
    byte[] json = Json.encode(Everything_JsonCodec.INSTANCE, value);

    assertSameValue(Json.decode(Everything_JsonCodec.INSTANCE, json), value);
  }

  @ParameterizedTest
  @MethodSource("decodableValues")
  void databindReadsGeneratedOutputAsTheSameValue(Everything value) throws Exception {
    byte[] json = Json.encode(Everything_JsonCodec.INSTANCE, value);

    assertSameValue(Oracle.MAPPER.readValue(json, Everything.class), value);
  }

  @ParameterizedTest
  @MethodSource("decodableValues")
  void generatedCodecReadsDatabindOutputAsTheSameValue(Everything value) throws Exception {
    byte[] json = Oracle.MAPPER.writeValueAsBytes(value);

    assertSameValue(Json.decode(Everything_JsonCodec.INSTANCE, json), value);
  }

  @ParameterizedTest
  @MethodSource("decodableValues")
  void generatedOutputIsTheSameJsonTreeAsDatabinds(Everything value) throws Exception {
    byte[] ours = Json.encode(Everything_JsonCodec.INSTANCE, value);
    byte[] theirs = Oracle.MAPPER.writeValueAsBytes(value);

    assertThat(Oracle.MAPPER.readTree(ours)).isEqualTo(Oracle.MAPPER.readTree(theirs));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE})
  void nonFiniteDoublesAreWrittenAsDatabindWritesThemAndReadBack(double ratio) throws Exception {
    Everything value = withRatio(ratio);
    byte[] json = Json.encode(Everything_JsonCodec.INSTANCE, value);

    // Double.compare: NaN equals NaN, and -0.0 differs from 0.0.
    assertThat(Double.compare(Json.decode(Everything_JsonCodec.INSTANCE, json).ratio(), ratio)).isZero();
    assertThat(Double.compare(Oracle.MAPPER.readValue(json, Everything.class).ratio(), ratio)).isZero();
    assertThat(Double.compare(Json.decode(Everything_JsonCodec.INSTANCE, Oracle.MAPPER.writeValueAsBytes(value))
        .ratio(), ratio)).isZero();
  }

  @ParameterizedTest
  @MethodSource("strings")
  void everyStringSurvivesAsEscapesOrRawUtf8(String text) {
    Small small = new Small(1, text, 2, text);
    byte[] json = Json.encode(Small_JsonCodec.INSTANCE, small);

    assertThat(Json.decode(Small_JsonCodec.INSTANCE, json)).isEqualTo(small);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"id\":1,\"name\":\"\\u00e9\\uD83D\\uDE00\\n\\\"\",\"count\":2}",
      "{\"id\":1,\"name\":\"é😀\\n\\\"\",\"count\":2}"})
  void unicodeEscapesAndRawCharactersReadTheSame(String json) {
    Small small = Json.decode(Small_JsonCodec.INSTANCE, json.getBytes(StandardCharsets.UTF_8));

    assertThat(small.name()).isEqualTo("é😀\n\"");
    assertThat(small.comment()).isNull();
  }

  /**
   * Field by field, arrays by content, doubles and floats exactly ({@code Double.equals}); sets by content, since
   * databind reads them into a HashSet.
   */
  static void assertSameValue(Everything actual, Everything expected) {
    assertThat(actual).usingRecursiveComparison()
        .withEqualsForType(Double::equals, Double.class)
        .withEqualsForType(Float::equals, Float.class)
        .ignoringCollectionOrderInFields("numbers")
        .isEqualTo(expected);
  }

  static Stream<String> strings() {
    return Values.STRINGS.stream();
  }

  private static Everything withRatio(double ratio) {
    Everything base = Values.random(7);
    return new Everything(base.id(), base.flag(), base.count(), base.big(), base.small(), base.tiny(), ratio,
        base.ratioFloat(), base.initial(), base.maybeFlag(), base.boxedCount(), base.boxedBig(), base.boxedRatio(),
        base.text(), base.amount(), base.huge(), base.at(), base.day(), base.local(), base.time(), base.offset(),
        base.zoned(), base.duration(), base.period(), base.note(), base.maybeNode(), base.tags(), base.numbers(),
        base.byName(), base.byId(), base.byColour(), base.byNumber(), base.bytes(), base.ints(), base.longs(),
        base.doubles(), base.flags(), base.node(), base.nodes(), base.colour(), base.maybe());
  }
}
