package io.whizbang.runtime.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.core.internal.TraceContext;
import io.whizbang.runtime.hostile.HostileCorpus.Case;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The malformed-input corpus through the envelope decoder (whole arrays and a range of a larger buffer, as the
 * feed reads lines) and the trace context a message carries onward. Each outcome is the exact message a user sees.
 */
@Timeout(120) // A hang guard, not a speed check: a hostile input must not make a decoder loop for minutes.
public class HostileEnvelopesTest {

  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /** A valid envelope, field by field, that the matrix spoils one field at a time. */
  public static Map<String, String> validEnvelope() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", "\"0196a7a4-6b00-7000-8000-0000000000aa\"");
    fields.put("type", "\"hostile.Shipment\"");
    fields.put("domain", "\"hostile\"");
    fields.put("partitionKey", "\"k-1\"");
    fields.put("correlationId", "\"0196a7a4-6b00-7000-8000-0000000000ab\"");
    fields.put("causationId", "null");
    fields.put("occurredAt", "\"2026-01-31T12:00:00Z\"");
    fields.put("position", "42");
    fields.put("headers", "{\"traceparent\":\"" + TRACEPARENT + "\"}");
    fields.put("payload", "{\"name\":\"Ada\"}");
    return fields;
  }

  public static List<Case> envelopeCases() {
    List<Case> cases = new ArrayList<>(HostileCorpus.load("envelopes.txt"));
    cases.addAll(HostileCorpus.matrix(validEnvelope(), HostileCorpus.load("values.txt")));
    Map<String, String> valid = validEnvelope();
    String huge = "\"" + "x".repeat(5_000_000) + "\"";
    for (String field : List.of("id", "type", "domain", "occurredAt")) {
      cases.add(new Case(field + "=5MB-string", HostileCorpus.object(valid, field, huge, false)));
    }
    cases.add(new Case("partitionKey=5MB-string", HostileCorpus.object(valid, "partitionKey", huge, false)));
    cases.add(new Case("headers=5MB-value",
        HostileCorpus.object(valid, "headers", "{\"tracestate\":" + huge + "}", false)));
    cases.add(new Case("position=2000-digits", HostileCorpus.object(valid, "position", "9".repeat(2000), false)));
    cases.add(new Case("payload=300-deep", HostileCorpus.object(valid, "payload",
        "{\"a\":" + "[".repeat(299) + "]".repeat(299) + "}", false)));
    cases.add(new Case("unknown=100k-deep", ("{\"zzz\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
        .getBytes(StandardCharsets.UTF_8)));
    return cases;
  }

  @Test
  void everyHostileEnvelopeIsAMalformedEnvelopeExceptionOrAnEnvelope() {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Case c : envelopeCases()) {
      String whole = HostileCorpus.outcome(() -> describe(EnvelopeCodec.decode(c.bytes())));
      // The feed decodes each line in place: the same bytes inside a larger buffer must read the same.
      byte[] padded = new byte[c.bytes().length + 6];
      Arrays.fill(padded, (byte) '{');
      System.arraycopy(c.bytes(), 0, padded, 3, c.bytes().length);
      String inRange = HostileCorpus.outcome(() -> describe(EnvelopeCodec.decode(padded, 3, c.bytes().length)));
      assertThat(inRange).as(c.name() + " read from a range").isEqualTo(whole);
      outcomes.put(c.name(), whole);
    }
    assertThat(outcomes).hasSizeGreaterThan(300);
    HostileCorpus.assertOutcomes("EnvelopeCodec", outcomes);
  }

  @Test
  void onlyAValidTraceContextTravelsOnwardAndNeverMoreThanTheCaps() {
    List<Case> cases = new ArrayList<>(HostileCorpus.load("trace-headers.txt"));
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      members.add("k" + i + "=" + "v".repeat(10));
    }
    cases.add(HostileCorpus.generated("state-40-members", TRACEPARENT + "\t" + String.join(",", members)));
    cases.add(HostileCorpus.generated("state-over-512-with-a-long-member", TRACEPARENT + "\t"
        + "a=" + "1".repeat(200) + ",b=" + "2".repeat(200) + ",c=" + "3".repeat(100) + ",d=" + "4".repeat(100)));
    cases.add(HostileCorpus.generated("state-over-512-short-members", TRACEPARENT + "\t"
        + String.join(",", members.subList(0, 30)).replace("=vvvvvvvvvv", "=" + "v".repeat(20))));
    cases.add(HostileCorpus.generated("state-1MB", TRACEPARENT + "\trojo=" + "x".repeat(1_000_000)));
    cases.add(HostileCorpus.generated("parent-1MB", "00-" + "a".repeat(1_000_000) + "\t-"));

    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Case c : cases) {
      String[] pair = c.text().split("\t", -1);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("private", "never copied");
      if (!pair[0].equals("-")) {
        headers.put(BrokerHeaders.TRACEPARENT, pair[0]);
      }
      if (!pair[1].equals("-")) {
        headers.put(BrokerHeaders.TRACESTATE, pair[1]);
      }
      Map<String, String> onward = TraceContext.carriedOver(headers);
      // The broker headers of a message carrying these headers hold the same trace context.
      Envelope e = new Envelope(UUID.randomUUID(), "t.T", "t", null, UUID.randomUUID(), null, Instant.EPOCH, -1,
          headers, "{}".getBytes(StandardCharsets.UTF_8));
      Map<String, String> broker = new TreeMap<>(BrokerHeaders.of(e));
      broker.keySet().removeIf(k -> k.startsWith("wb-"));
      assertThat(broker).as(c.name()).isEqualTo(new TreeMap<>(onward));
      String state = onward.getOrDefault(BrokerHeaders.TRACESTATE, "");
      assertThat(state.length()).as(c.name()).isLessThanOrEqualTo(TraceContext.MAX_TRACESTATE_LENGTH);
      assertThat(state.isEmpty() ? 0 : state.split(",").length).isLessThanOrEqualTo(TraceContext.MAX_TRACESTATE_MEMBERS);
      outcomes.put(c.name(), "OK " + new TreeMap<>(onward));
    }
    HostileCorpus.assertOutcomes("TraceContext", outcomes);
  }

  /** Everything an envelope holds, clipped, so that an accepted input shows what was accepted. */
  public static String describe(Envelope e) {
    String headers = new TreeMap<>(e.headers()).toString();
    String payload = new String(e.payload(), StandardCharsets.UTF_8);
    return e + " correlation=" + e.correlationId() + " causation=" + e.causationId() + " at=" + e.occurredAt()
        + " position=" + e.position() + " headers=" + clip(headers) + " payload=" + clip(payload);
  }

  private static String clip(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "...(" + s.length() + " characters)" : s;
  }
}
