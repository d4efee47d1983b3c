package io.whizbang.runtime.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final UUID ID = UUID.fromString("01934f7e-1c2a-7abc-8def-0123456789ab");
  private static final UUID CORRELATION = UUID.fromString("01934f7e-0000-7000-8000-000000000001");
  private static final UUID CAUSATION = UUID.fromString("01934f7e-0000-7000-8000-000000000002");
  private static final Instant AT = Instant.parse("2026-11-26T16:00:00.123456789Z");

  private static Envelope envelope(String payload, Map<String, String> headers, String key, UUID causation,
      long position) {
    return new Envelope(ID, "orders.OrderPlaced", "orders", key, CORRELATION, causation, AT, position, headers,
        payload.getBytes(UTF_8));
  }

  private static Envelope full() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    headers.put("tenant", "é-ü-\u00e9 \"quoted\" \\ back");
    return envelope("{\"orderId\":\"o-1\",\"total\":12.50,\"lines\":[1,2,3]}", headers, "o-1", CAUSATION, 42);
  }

  @Test
  void roundTripsEveryField() {
    Envelope e = full();
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e))).isEqualTo(e);
  }

  @Test
  void roundTripsNullOptionalFieldsAndNoPositionAndNoHeaders() {
    Envelope e = envelope("{}", Map.of(), null, null, Envelope.NO_POSITION);
    Envelope back = EnvelopeCodec.decode(EnvelopeCodec.encode(e));
    assertThat(back).isEqualTo(e);
    assertThat(back.partitionKey()).isNull();
    assertThat(back.causationId()).isNull();
    assertThat(back.position()).isEqualTo(Envelope.NO_POSITION);
    assertThat(back.headers()).isEmpty();
  }

  @Test
  void roundTripsUnicodeEscapesAndSurrogatePairsInPayloadKeysAndHeaders() {
    String payload = "{\"name\":\"Zoë 😀 \\u00e9\\ud83d\\ude00 \\\"q\\\" \\n\",\"emoji\":\"𝄞\",\"cjk\":\"漢字\"}";
    Envelope e = new Envelope(ID, "orders.ÜberPlaced", "orders", "clé-😀", CORRELATION, CAUSATION, AT, 7,
        Map.of("note", "日本語 😀 \u0001 control"), payload.getBytes(UTF_8));
    Envelope back = EnvelopeCodec.decode(EnvelopeCodec.encode(e));
    assertThat(back).isEqualTo(e);
    assertThat(new String(back.payload(), UTF_8)).isEqualTo(payload);
  }

  @Test
  void embedsThePayloadAsJsonNotAsAString() throws Exception {
    String payload = "{\"orderId\":\"o-1\",\"nested\":{\"a\":[true,null,1.5e300]}}";
    byte[] bytes = EnvelopeCodec.encode(envelope(payload, Map.of(), "o-1", null, Envelope.NO_POSITION));

    JsonNode tree = MAPPER.readTree(bytes);
    assertThat(tree.get("payload").isObject()).isTrue();
    assertThat(tree.get("payload")).isEqualTo(MAPPER.readTree(payload));
    assertThat(new String(bytes, UTF_8)).contains("\"payload\":" + payload);
  }

  @Test
  void writesTheDocumentedFieldsInOrder() throws Exception {
    JsonNode tree = MAPPER.readTree(EnvelopeCodec.encode(full()));
    assertThat(tree.fieldNames()).toIterable().containsExactly("id", "type", "domain", "partitionKey",
        "correlationId", "causationId", "occurredAt", "position", "headers", "payload");
    assertThat(tree.get("id").asText()).isEqualTo(ID.toString());
    assertThat(tree.get("occurredAt").asText()).isEqualTo("2026-11-26T16:00:00.123456789Z");
    assertThat(tree.get("position").asLong()).isEqualTo(42);
  }

  @Test
  void keepsPayloadBytesExactlyIncludingWhitespace() {
    String payload = "{ \"a\" : 1 ,\n  \"b\" : [ 1 , 2 ] }";
    Envelope back = EnvelopeCodec.decode(EnvelopeCodec.encode(envelope(payload, Map.of(), null, null, 3)));
    assertThat(new String(back.payload(), UTF_8)).isEqualTo(payload);
  }

  @Test
  void decodesARangeOfALargerBuffer() {
    byte[] one = EnvelopeCodec.encode(full());
    byte[] two = EnvelopeCodec.encode(envelope("{\"x\":\"second\"}", Map.of(), "k", null, 43));
    byte[] ndjson = new byte[one.length + 1 + two.length + 1];
    System.arraycopy(one, 0, ndjson, 0, one.length);
    ndjson[one.length] = '\n';
    System.arraycopy(two, 0, ndjson, one.length + 1, two.length);
    ndjson[ndjson.length - 1] = '\n';

    assertThat(EnvelopeCodec.decode(ndjson, 0, one.length)).isEqualTo(full());
    Envelope second = EnvelopeCodec.decode(ndjson, one.length + 1, two.length + 1);
    assertThat(new String(second.payload(), UTF_8)).isEqualTo("{\"x\":\"second\"}");
    assertThat(second.position()).isEqualTo(43);
  }

  @Test
  void skipsUnknownFieldsAFutureWriterAdds() {
    String json = "{\"id\":\"" + ID + "\",\"future\":{\"x\":[1,{\"y\":2}]},\"type\":\"orders.OrderPlaced\","
        + "\"domain\":\"orders\",\"correlationId\":\"" + CORRELATION + "\",\"occurredAt\":\"" + AT + "\","
        + "\"version\":2,\"payload\":{\"a\":1}}";
    Envelope e = EnvelopeCodec.decode(json.getBytes(UTF_8));
    assertThat(e.messageId()).isEqualTo(ID);
    assertThat(e.partitionKey()).isNull();
    assertThat(new String(e.payload(), UTF_8)).isEqualTo("{\"a\":1}");
  }

  @Test
  void acceptsFieldsInAnyOrder() {
    String json = "{\"payload\":{\"a\":1},\"occurredAt\":\"" + AT + "\",\"correlationId\":\"" + CORRELATION
        + "\",\"domain\":\"orders\",\"type\":\"orders.OrderPlaced\",\"id\":\"" + ID + "\"}";
    assertThat(EnvelopeCodec.decode(json.getBytes(UTF_8)).wireName()).isEqualTo("orders.OrderPlaced");
  }

  @Test
  void refusesToEncodeAPayloadThatIsNotAnObject() {
    assertThatThrownBy(() -> EnvelopeCodec.encode(envelope("[1,2]", Map.of(), null, null, -1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> EnvelopeCodec.encode(envelope("", Map.of(), null, null, -1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON object");
  }
}
