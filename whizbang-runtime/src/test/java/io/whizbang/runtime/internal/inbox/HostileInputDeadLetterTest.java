package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.generated.Codecs;
import io.whizbang.runtime.generated.JsonValues;
import io.whizbang.runtime.hostile.HostileCorpus;
import io.whizbang.runtime.hostile.HostileCorpus.Case;
import io.whizbang.runtime.hostile.HostileEnvelopesTest;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.sql.TestDb;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing hostile is lost: every corpus input a decoder refuses, as a whole message or as its payload, is
 * acknowledged, parked as a dead letter whose reason is the decoder's exact message, and never retried.
 */
class HostileInputDeadLetterTest {

  static final String PRICED = "test.Priced";

  record Priced(UUID id, BigDecimal amount) {}

  /** In the shape the processor generates: required components refuse null, a repeated field is refused. */
  static final JsonCodec<Priced> PRICED_CODEC = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, Priced value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Priced read(JsonParser in) throws IOException {
      JsonValues.expectStartObject(in, "Priced");
      UUID id = null;
      BigDecimal amount = null;
      boolean hasId = false;
      boolean hasAmount = false;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        in.nextToken();
        switch (field) {
          case "id" -> {
            if (hasId) {
              throw JsonValues.duplicateField(in, "Priced", "id");
            }
            id = JsonValues.readRequired(in, Codecs.UUID, "Priced", "id");
            hasId = true;
          }
          case "amount" -> {
            if (hasAmount) {
              throw JsonValues.duplicateField(in, "Priced", "amount");
            }
            amount = JsonValues.readRequired(in, Codecs.BIG_DECIMAL, "Priced", "amount");
            hasAmount = true;
          }
          default -> in.skipChildren();
        }
      }
      JsonValues.expectEndObject(in, "Priced");
      if (!hasId || !hasAmount) {
        throw JsonValues.missingField(in, "Priced", hasId ? "amount" : "id");
      }
      return new Priced(id, amount);
    }
  };

  /** Decodes test.Priced as a generated dispatcher does, and does nothing with it. */
  static final class PricedDispatcher implements MessageDispatcher {
    @Override
    public String handlerName() {
      return "PricedHandlers";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of(PRICED);
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) {
      Json.decode(PRICED_CODEC, envelope.payload());
    }
  }

  /** The dead-letter table writes control characters as escapes: PostgreSQL text refuses NUL. */
  private static String asStored(String reason) {
    StringBuilder out = new StringBuilder();
    reason.chars().forEach(ch -> out.append(ch < 0x20 && ch != '\n' && ch != '\t'
        ? String.format("\\u%04x", ch) : String.valueOf((char) ch)));
    return out.toString();
  }

  private record Expected(TestDelivery delivery, String reason, int attempts) {}

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void everyRefusedInputIsADeadLetterWithTheDecodersMessage(TestDb db) {
    List<Expected> expected = new ArrayList<>();
    Set<String> bodies = new java.util.HashSet<>();
    for (Case c : HostileEnvelopesTest.envelopeCases()) {
      // Over maxMessageBytes below: parked undecoded, a different reason (PoisonMessageTest). The same bytes twice
      // would be one message delivered twice, which the inbox parks once.
      if (c.bytes().length > 10_000 || !bodies.add(java.util.Base64.getEncoder().encodeToString(c.bytes()))) {
        continue;
      }
      try {
        EnvelopeCodec.decode(c.bytes());
      } catch (CodecException refused) {
        // An envelope the inbox cannot read is parked with the decoder's message as its reason.
        expected.add(new Expected(new TestDelivery(c.bytes(), "k", 1), refused.getMessage(), 0));
      }
    }
    for (Case value : HostileCorpus.load("values.txt")) {
      String payload = "{\"id\":\"" + UUID.randomUUID() + "\",\"amount\":" + value.text() + "}";
      // Built by hand: the encoder refuses a payload that is not one JSON object, a sender need not.
      byte[] body = ("{\"id\":\"" + MessageIds.next() + "\",\"type\":\"" + PRICED + "\",\"domain\":\"test\","
          + "\"partitionKey\":\"k\",\"correlationId\":\"" + UUID.randomUUID() + "\","
          + "\"occurredAt\":\"2026-11-26T12:00:00Z\",\"payload\":" + payload + "}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try {
        Json.decode(PRICED_CODEC, EnvelopeCodec.decode(body).payload());
      } catch (CodecException refused) {
        // Refused by the envelope (the payload is not one JSON object) before any run, or by the codec in one run.
        boolean envelope = refused instanceof io.whizbang.runtime.envelope.MalformedEnvelopeException;
        expected.add(new Expected(new TestDelivery(body, "k", 1),
            envelope ? refused.getMessage() : Failures.reason(refused), envelope ? 0 : 1));
      }
    }
    assertThat(expected).hasSizeGreaterThan(300);

    try (InboxFixture f = new InboxFixture(db);
        InboxConsumer consumer = InboxConsumer.builder(f.storage.storage(), "svc")
            .dispatchers(List.of(f.dispatcher, new PricedDispatcher()))
            .config(InboxConfig.builder().maxMessageBytes(10_000).maxBatch(50).build()).build()) {
      for (int from = 0; from < expected.size(); from += 50) {
        List<io.whizbang.runtime.transport.Delivery> batch = new ArrayList<>();
        expected.subList(from, Math.min(from + 50, expected.size())).forEach(x -> batch.add(x.delivery()));
        consumer.handle(batch);
      }

      for (Expected x : expected) {
        assertThat(x.delivery().settledAs).as(x.reason()).isEqualTo("ack");
      }
      List<DeadLetter> letters = consumer.deadLetters().list(0, expected.size() + 10);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(letters.get(i).reason()).isEqualTo(asStored(expected.get(i).reason()));
        assertThat(letters.get(i).body()).isEqualTo(expected.get(i).delivery().body());
        assertThat(letters.get(i).attempts()).as(expected.get(i).reason()).isEqualTo(expected.get(i).attempts());
      }
    }
  }
}
