package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.hostile.HostileCorpus;
import io.whizbang.runtime.hostile.HostileCorpus.Case;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The malformed-input corpus (runtime test-jar, {@code hostile-input/}) through a generated codec, alone and as the
 * payload of an envelope the way a consumer reads a message: every outcome is a value or a {@code CodecException}
 * with the exact message reviewed in {@code src/test/resources/hostile-expected/}.
 */
@Timeout(120) // A hang guard only.
class HostileInputTest {

  private static JsonCodec<Object> codec;

  @BeforeAll
  static void compile() {
    Compilation compilation = Sources.compile(Sources.resources("good/hostile/Shipment.java"));
    assertThat(compilation).succeeded();
    codec = new CompiledClasses(compilation).codec("hostile.Shipment_JsonCodec");
  }

  /** A valid Shipment, field by field, that the matrix spoils one field at a time. */
  static Map<String, String> validShipment() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", "\"0196a7a4-6b00-7000-8000-0000000000aa\"");
    fields.put("count", "3");
    fields.put("total", "1249");
    fields.put("ratio", "0.5");
    fields.put("weight", "1.25");
    fields.put("express", "true");
    fields.put("grade", "\"A\"");
    fields.put("boxes", "2");
    fields.put("name", "\"Ada\"");
    fields.put("note", "null");
    fields.put("tag", "\"t\"");
    fields.put("amount", "1249.95");
    fields.put("serial", "12345678901234567890");
    fields.put("at", "\"2025-05-01T10:15:30.123Z\"");
    fields.put("lines", "[{\"sku\":\"s-1\",\"qty\":1}]");
    fields.put("statuses", "[\"OPEN\"]");
    fields.put("byNumber", "{\"1\":\"one\"}");
    fields.put("byId", "{\"0196a7a4-6b00-7000-8000-0000000000ab\":7}");
    fields.put("status", "\"DONE\"");
    return fields;
  }

  static List<Case> payloadCases() {
    Map<String, String> valid = validShipment();
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("valid", HostileCorpus.object(valid, null, null, false)));
    cases.addAll(HostileCorpus.load("payloads.txt"));
    cases.addAll(HostileCorpus.matrix(valid, HostileCorpus.load("values.txt")));
    String huge = "\"" + "x".repeat(5_000_000) + "\"";
    for (String field : List.of("id", "name", "at", "status", "grade")) {
      cases.add(new Case(field + "=5MB-string", HostileCorpus.object(valid, field, huge, false)));
    }
    cases.add(new Case("byNumber=49k-key", HostileCorpus.object(valid, "byNumber",
        "{\"" + "1".repeat(49_000) + "\":\"x\"}", false)));
    cases.add(new Case("amount=1016-digits", HostileCorpus.object(valid, "amount", "9".repeat(1016), false)));
    cases.add(new Case("amount=2000-digits", HostileCorpus.object(valid, "amount", "9".repeat(2000), false)));
    cases.add(new Case("lines=100k-elements", HostileCorpus.object(valid, "lines",
        "[" + "{\"sku\":\"s\",\"qty\":1},".repeat(100_000) + "{\"sku\":\"s\",\"qty\":1}]", false)));
    cases.add(new Case("lines=300-deep", HostileCorpus.object(valid, "lines",
        "[".repeat(300) + "]".repeat(300), false)));
    cases.add(new Case("unknown=100k-deep", HostileCorpus.object(valid, "id", "\"0196a7a4-6b00-7000-8000-0000000000aa\","
        + "\"zzz\":" + "[".repeat(100_000) + "]".repeat(100_000), false)));
    return cases;
  }

  @Test
  void everyHostilePayloadIsACodecExceptionOrAShipment() {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Case c : payloadCases()) {
      outcomes.put(c.name(), HostileCorpus.outcome(() -> clipped(Json.decode(codec, c.bytes()))));
    }
    assertThat(outcomes).hasSizeGreaterThan(500);
    HostileCorpus.assertOutcomes("Shipment_JsonCodec", outcomes);
  }

  @Test
  void asTheirEnvelopesPayloadTheyFailAtTheEnvelopeOrAtTheCodecAndNowhereElse() {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Case c : payloadCases()) {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      message.writeBytes(("{\"id\":\"0196a7a4-6b00-7000-8000-0000000000aa\",\"type\":\"hostile.Shipment\","
          + "\"domain\":\"hostile\",\"correlationId\":\"0196a7a4-6b00-7000-8000-0000000000aa\","
          + "\"occurredAt\":\"2026-01-31T12:00:00Z\",\"payload\":").getBytes(StandardCharsets.UTF_8));
      message.writeBytes(c.bytes());
      message.writeBytes("}".getBytes(StandardCharsets.UTF_8));
      // What a generated dispatcher does with a delivery: decode the envelope, then the payload.
      outcomes.put(c.name(), HostileCorpus.outcome(() -> {
        Envelope envelope = EnvelopeCodec.decode(message.toByteArray());
        return clipped(Json.decode(codec, envelope.payload()));
      }));
    }
    HostileCorpus.assertOutcomes("Shipment_in_an_envelope", outcomes);
  }

  private static String clipped(Object value) {
    String s = String.valueOf(value);
    return s.length() > 400 ? s.substring(0, 400) + "...(" + s.length() + " characters)" : s;
  }
}
