package io.whizbang.samples.quickstart.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed input always gives a CodecException that says what and where, never a wrong object. */
class MalformedInputTest {

  private static Small decode(String json) {
    return Json.decode(Small_JsonCodec.INSTANCE, json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing required field      | {\"id\":1,\"count\":2}                          | required field 'name' is missing",
      "missing primitive field     | {\"id\":1,\"name\":\"a\"}                       | required field 'count' is missing",
      "null for a primitive        | {\"id\":1,\"name\":\"a\",\"count\":null}          | Small.count: null is not allowed, expected an integer",
      "string for an int           | {\"id\":1,\"name\":\"a\",\"count\":\"2\"}           | Small.count: expected an integer",
      "float for an int            | {\"id\":1,\"name\":\"a\",\"count\":2.5}           | Small.count: expected an integer",
      "int overflow                | {\"id\":1,\"name\":\"a\",\"count\":2147483648}    | Small.count: expected an integer between",
      "long overflow               | {\"id\":9223372036854775808,\"name\":\"a\",\"count\":1} | Small.id: expected an integer between",
      "number for a string         | {\"id\":1,\"name\":5,\"count\":2}               | Small.name: expected a string, found the number 5",
      "object for a string         | {\"id\":1,\"name\":{},\"count\":2}              | Small.name: expected a string, found an object",
      "array instead of object     | [1,2]                                          | Cannot decode Small: expected an object, found an array",
      "string instead of object    | \"hello\"                                      | Cannot decode Small: expected an object",
      "truncated object            | {\"id\":1,\"name\":\"a\"                        | Malformed JSON",
      "truncated string            | {\"id\":1,\"name\":\"a                          | Malformed JSON",
      "truncated after field name  | {\"id\":1,\"name\":                             | Malformed JSON",
      "garbage                     | }{ not json                                    | Malformed JSON",
      "bare word                   | nope                                           | Malformed JSON",
      "trailing content            | {\"id\":1,\"name\":\"a\",\"count\":2} {}          | Unexpected content after the JSON value",
      "duplicate comma             | {\"id\":1,,\"name\":\"a\",\"count\":2}            | Malformed JSON"})
  void malformedInputIsAClearCodecException(String description, String json, String expected) {
    assertThatThrownBy(() -> decode(json))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void theErrorNamesTheLineAndColumn() {
    assertThatThrownBy(() -> decode("{\n  \"id\": 1,\n  \"name\": true,\n  \"count\": 2\n}"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("Small.name")
        .hasMessageContaining("line 3, column 11");
  }

  @Test
  void emptyInputIsAClearCodecException() {
    assertThatThrownBy(() -> decode("")).isInstanceOf(CodecException.class).hasMessageContaining("empty document");
  }

  @Test
  void nestedErrorsNameThePathToTheField() {
    String json = new String(Json.encode(Everything_JsonCodec.INSTANCE, Values.random(1)), StandardCharsets.UTF_8)
        .replaceFirst("\"node\":\\{\"name\":\"node-\\d\",\"weight\":\\d+", "\"node\":{\"name\":\"x\",\"weight\":\"heavy\"");

    assertThatThrownBy(() -> Json.decode(Everything_JsonCodec.INSTANCE, json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("Everything.node: ")
        .hasMessageContaining("Node.weight: expected an integer");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "uuid        | \"id\":\"not-a-uuid\"         | Everything.id: expected a UUID string",
      "short uuid  | \"id\":\"1-1-1-1-1\"          | Everything.id: expected a UUID string",
      "enum        | \"colour\":\"PURPLE\"         | Everything.colour: expected one of Colour",
      "instant     | \"at\":\"yesterday\"          | Everything.at: expected an ISO-8601 instant",
      "date number | \"day\":20240101              | Everything.day: expected an ISO-8601 date",
      "base64      | \"bytes\":\"!!!\"             | Everything.bytes: expected a base64 string",
      "list        | \"tags\":\"a\"                | Everything.tags: expected an array",
      "map key     | \"byId\":{\"x\":1}            | invalid map key \"x\"",
      "map value   | \"byNumber\":{\"1\":2}        | expected a string, found the number 2",
      "int array   | \"ints\":[1,\"2\"]            | expected an integer"})
  void wrongValuesInsideTheDocumentNameTheField(String description, String replacement, String expected) {
    String field = replacement.substring(0, replacement.indexOf(':') + 1);
    String json = new String(Json.encode(Everything_JsonCodec.INSTANCE, Values.random(3)), StandardCharsets.UTF_8);
    String broken = json.replaceFirst(java.util.regex.Pattern.quote(field) + "(\"[^\"]*\"|\\[[^\\]]*\\]|\\{[^}]*\\}|[^,}]*)",
        java.util.regex.Matcher.quoteReplacement(replacement));
    assertThat(broken).isNotEqualTo(json);

    assertThatThrownBy(() -> Json.decode(Everything_JsonCodec.INSTANCE, broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void unknownFieldsAreSkippedWhateverTheirShape() {
    Small small = decode("{\"extra\":{\"a\":[1,{\"b\":null}]},\"id\":1,\"more\":[[]],\"name\":\"a\",\"count\":2,"
        + "\"last\":\"x\"}");

    assertThat(small).isEqualTo(new Small(1, "a", 2, null));
  }

  @Test
  void aNullableFieldMayBeAbsentOrNull() {
    assertThat(decode("{\"id\":1,\"name\":\"a\",\"count\":2}").comment()).isNull();
    assertThat(decode("{\"id\":1,\"name\":\"a\",\"count\":2,\"comment\":null}").comment()).isNull();
  }

  @Test
  void anExplicitNullForARequiredReferenceFieldIsRefusedAsItsAbsenceIs() {
    assertThatThrownBy(() -> decode("{\"id\":1,\"name\":null,\"count\":2}"))
        .isInstanceOf(io.whizbang.runtime.codec.CodecException.class)
        .hasMessageStartingWith("Cannot decode Small.name: null is not allowed, expected a string at line 1, column 16");
  }

  @Test
  void absentOptionalsAreEmpty() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
        Oracle.MAPPER.readTree(Json.encode(Everything_JsonCodec.INSTANCE, Values.random(3)));
    tree.remove("note");
    tree.remove("maybeNode");
    String json = tree.toString();

    Everything read = Json.decode(Everything_JsonCodec.INSTANCE, json.getBytes(StandardCharsets.UTF_8));
    assertThat(read.note()).isEmpty();
    assertThat(read.maybeNode()).isEmpty();
  }

  @Test
  void everyTruncationOfAValidDocumentFailsCleanly() {
    byte[] json = Json.encode(Everything_JsonCodec.INSTANCE, Values.random(11));
    for (int length = 0; length < json.length; length++) {
      byte[] truncated = Arrays.copyOf(json, length);
      assertThatThrownBy(() -> Json.decode(Everything_JsonCodec.INSTANCE, truncated))
          .as("truncated to %d bytes", length)
          .isInstanceOf(CodecException.class);
    }
  }
}
