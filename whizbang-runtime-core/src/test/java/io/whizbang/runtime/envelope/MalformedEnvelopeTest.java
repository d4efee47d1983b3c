package io.whizbang.runtime.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.codec.CodecException;
import java.util.Arrays;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every way an envelope can be broken gives a {@link MalformedEnvelopeException} that says what and where. */
class MalformedEnvelopeTest {

  private static final String ID = "01934f7e-1c2a-7abc-8def-0123456789ab";
  private static final String CORR = "01934f7e-0000-7000-8000-000000000001";

  /** A valid envelope with {@code field} replaced by {@code json} (or removed when {@code json} is null). */
  private static String with(String field, String json) {
    String[][] fields = {
      {"id", "\"" + ID + "\""},
      {"type", "\"orders.OrderPlaced\""},
      {"domain", "\"orders\""},
      {"partitionKey", "\"o-1\""},
      {"correlationId", "\"" + CORR + "\""},
      {"causationId", "null"},
      {"occurredAt", "\"2026-11-26T16:00:00Z\""},
      {"position", "5"},
      {"headers", "{\"traceparent\":\"00-abc\"}"},
      {"payload", "{\"orderId\":\"o-1\"}"},
    };
    StringBuilder sb = new StringBuilder("{");
    for (String[] f : fields) {
      String value = f[0].equals(field) ? json : f[1];
      if (value == null) {
        continue;
      }
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('"').append(f[0]).append("\":").append(value);
    }
    return sb.append('}').toString();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> decoding(String json) {
    return assertThatThrownBy(() -> EnvelopeCodec.decode(json.getBytes(UTF_8)))
        .isInstanceOf(MalformedEnvelopeException.class)
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("Malformed envelope");
  }

  @Test
  void theValidBaselineDecodes() {
    assertThat(EnvelopeCodec.decode(with(null, null).getBytes(UTF_8)).messageId()).isEqualTo(UUID.fromString(ID));
  }

  @Test
  void emptyInput() {
    assertThatThrownBy(() -> EnvelopeCodec.decode(new byte[0]))
        .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("empty");
  }

  @Test
  void whitespaceOnly() {
    decoding("   \n").hasMessageContaining("must be a JSON object").hasMessageContaining("truncated");
  }

  @Test
  void topLevelArray() {
    decoding("[1,2]").hasMessageContaining("an envelope must be a JSON object, found an array at byte 0");
  }

  @Test
  void topLevelString() {
    decoding("\"hello\"").hasMessageContaining("found a string");
  }

  @Test
  void missingId() {
    decoding(with("id", null)).hasMessageContaining("required field 'id' is missing");
  }

  @Test
  void missingType() {
    decoding(with("type", null)).hasMessageContaining("required field 'type' is missing")
        .hasMessageContaining(ID);
  }

  @Test
  void missingDomain() {
    decoding(with("domain", null)).hasMessageContaining("required field 'domain' is missing")
        .hasMessageContaining("orders.OrderPlaced " + ID);
  }

  @Test
  void missingCorrelationId() {
    decoding(with("correlationId", null)).hasMessageContaining("required field 'correlationId' is missing");
  }

  @Test
  void missingOccurredAt() {
    decoding(with("occurredAt", null)).hasMessageContaining("required field 'occurredAt' is missing");
  }

  @Test
  void missingPayload() {
    decoding(with("payload", null)).hasMessageContaining("required field 'payload' is missing");
  }

  @Test
  void idIsNotAUuid() {
    decoding(with("id", "\"not-a-uuid\"")).hasMessageContaining("field 'id' is not a UUID (8-4-4-4-12 ASCII hex digits): \"not-a-uuid\" at byte 6");
  }

  @Test
  void idInTheShortFormUuidAcceptsIsRefused() {
    decoding(with("id", "\"1-1-1-1-1\"")).hasMessageContaining("field 'id' is not a UUID");
  }

  @Test
  void idIsANumber() {
    decoding(with("id", "12")).hasMessageContaining("field 'id' must be a string, found a number at byte 6");
  }

  @Test
  void causationIdIsNotAUuid() {
    decoding(with("causationId", "\"xyz\"")).hasMessageContaining("field 'causationId' is not a UUID (8-4-4-4-12 ASCII hex digits): \"xyz\"");
  }

  @Test
  void typeIsNull() {
    decoding(with("type", "null")).hasMessageContaining("field 'type' must be a string, found null");
  }

  @Test
  void typeIsEmpty() {
    decoding(with("type", "\"\"")).hasMessageContaining("field 'type' must not be empty");
  }

  @Test
  void partitionKeyIsAnObject() {
    decoding(with("partitionKey", "{}"))
        .hasMessageContaining("field 'partitionKey' must be a string or null, found an object");
  }

  @Test
  void occurredAtIsNotAnInstant() {
    decoding(with("occurredAt", "\"yesterday\"")).hasMessageContaining("field 'occurredAt' is not an ISO-8601 "
        + "instant").hasMessageContaining("\"yesterday\"");
  }

  @Test
  void positionIsFractional() {
    decoding(with("position", "1.5")).hasMessageContaining("field 'position' must be an integer, found a number");
  }

  @Test
  void positionIsAString() {
    decoding(with("position", "\"5\"")).hasMessageContaining("field 'position' must be an integer, found a string");
  }

  @Test
  void positionOverflowsALong() {
    decoding(with("position", "99999999999999999999")).hasMessageContaining("field 'position' is out of range");
  }

  @Test
  void positionIsNegative() {
    decoding(with("position", "-5")).hasMessageContaining("field 'position' must not be negative");
  }

  @Test
  void headersIsAnArray() {
    decoding(with("headers", "[\"a\"]")).hasMessageContaining("field 'headers' must be an object of strings");
  }

  @Test
  void headerValueIsANumber() {
    decoding(with("headers", "{\"retries\":3}")).hasMessageContaining("header 'retries' must be a string");
  }

  @Test
  void payloadIsAnArray() {
    decoding(with("payload", "[1,2]")).hasMessageContaining("field 'payload' must be a JSON object, found an array");
  }

  @Test
  void payloadIsAString() {
    decoding(with("payload", "\"{\\\"a\\\":1}\"")).hasMessageContaining("field 'payload' must be a JSON object, "
        + "found a string");
  }

  @Test
  void payloadIsNull() {
    decoding(with("payload", "null")).hasMessageContaining("field 'payload' must be a JSON object, found null");
  }

  @Test
  void duplicateField() {
    String json = with(null, null).replace("{\"id\"", "{\"type\":\"x.Y\",\"id\"");
    decoding(json).hasMessageContaining("field 'type' appears twice");
  }

  @Test
  void trailingContent() {
    decoding(with(null, null) + "{\"more\":1}").hasMessageContaining("unexpected content after the envelope");
  }

  @Test
  void garbageBytes() {
    decoding("\u0000\u0001garbage").hasMessageContaining("not valid JSON");
  }

  @Test
  void invalidUtf8() {
    byte[] bytes = with("type", "\"orders.X\"").getBytes(UTF_8);
    int at = new String(bytes, UTF_8).indexOf("orders.X");
    bytes[at] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
    assertThatThrownBy(() -> EnvelopeCodec.decode(bytes))
        .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void everyTruncationIsRefusedNeverHalfRead() {
    byte[] whole = with(null, null).getBytes(UTF_8);
    for (int cut = 1; cut < whole.length; cut++) {
      byte[] prefix = Arrays.copyOf(whole, cut);
      assertThatThrownBy(() -> EnvelopeCodec.decode(prefix))
          .as("truncated to %d bytes", cut)
          .isInstanceOf(MalformedEnvelopeException.class)
          .hasMessageContaining("of " + cut + ".");
    }
  }

  @Test
  void aTruncatedPayloadIsNamed() {
    String whole = with(null, null);
    decoding(whole.substring(0, whole.length() - 4)).hasMessageContaining("the input is truncated")
        .hasMessageContaining("end-of-input");
  }

  @Test
  void theErrorShowsTheStartOfTheInput() {
    decoding(with("id", "\"bad\"")).hasMessageContaining("Input starts: {\"id\":\"bad\"");
  }

  @Test
  void aHugeInputIsPreviewedNotCopiedIntoTheMessage() {
    String big = with("payload", "{\"blob\":\"" + "x".repeat(100_000) + "\"}").replace("\"id\":\"" + ID + "\"",
        "\"id\":\"bad\"");
    assertThatThrownBy(() -> EnvelopeCodec.decode(big.getBytes(UTF_8)))
        .isInstanceOf(MalformedEnvelopeException.class)
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
  }
}
