package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.InboxConfig.UnknownTypePolicy;
import io.whizbang.runtime.inbox.InboxStats;
import io.whizbang.runtime.sql.TestDb;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Messages that can never be handled are parked at once with a readable reason; the consumer goes on. */
class PoisonMessageTest {

  private record Case(TestDelivery delivery, String wireName, String reason) {}

  private static TestDelivery raw(String body) {
    return new TestDelivery(body.getBytes(StandardCharsets.UTF_8), "k", 1);
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void undecodableMessagesAreDeadLetteredAtOnceAndNothingElseIsLost(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b.maxMessageBytes(2048).maxBatch(5));
      byte[] whole = EnvelopeCodec.encode(Steps.envelope("k", 99));
      String missingId = new String(EnvelopeCodec.encode(Steps.envelope("k", 98)), StandardCharsets.UTF_8)
          .replaceFirst("\"id\":\"[^\"]+\",", "");
      List<Case> cases = List.of(
          new Case(raw("garbage \u0000 bytes"), null, "the input is not valid JSON"),
          new Case(new TestDelivery(Arrays.copyOf(whole, whole.length - 9), "k", 1), null,
              "the input is truncated"),
          new Case(raw(missingId), null, "required field 'id' is missing"),
          new Case(TestDelivery.of(Steps.envelope(Steps.WIRE_NAME, "k", "{\"key\":\"k\",\"seq\":\"three\"}")),
              Steps.WIRE_NAME, "CodecException: test.Step.seq must be an integer, found VALUE_STRING"),
          new Case(TestDelivery.of(Steps.envelope(Steps.WIRE_NAME, "k", "{\"key\":\"k\"}")), Steps.WIRE_NAME,
              "CodecException: test.Step is missing required field seq"),
          new Case(TestDelivery.of(Steps.envelope("test.Unknown", "k", "{}")), "test.Unknown",
              "Subscriber 'svc' has no handler for wire name 'test.Unknown' (it handles [test.Step])"),
          new Case(TestDelivery.of(Steps.envelope(Steps.WIRE_NAME, "k",
              "{\"key\":\"k\",\"seq\":1,\"pad\":\"" + "x".repeat(3000) + "\"}")), null,
              "bytes long, more than maxMessageBytes (2048)"));

      for (Case c : cases) {
        TestDelivery good = TestDelivery.of(Steps.envelope("k", cases.indexOf(c)));
        consumer.handle(List.of(c.delivery(), good));
        assertThat(c.delivery().settledAs).as(c.reason()).isEqualTo("ack");
        assertThat(good.settledAs).as("the message after " + c.reason()).isEqualTo("ack");
      }

      List<DeadLetter> letters = consumer.deadLetters().list(0, 100);
      assertThat(letters).hasSize(cases.size());
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        DeadLetter letter = letters.get(i);
        assertThat(letter.reason()).as("reason").contains(c.reason());
        assertThat(letter.wireName()).isEqualTo(c.wireName());
        assertThat(letter.body()).isEqualTo(c.delivery().body());
        // Parked before dispatch: no run. A payload the dispatcher's codec refuses: one run.
        assertThat(letter.attempts()).as("handler runs of " + c.reason())
            .isEqualTo(c.reason().startsWith("CodecException") ? 1 : 0);
        assertThat(letter.partitionKey()).isEqualTo("k");
      }
      assertThat(f.effectCount()).isEqualTo(cases.size());
      assertThat(consumer.stats()).isEqualTo(new InboxStats(cases.size(), 0, 0, cases.size(), 0));

      // A redelivered poison message is recognised: parked once.
      consumer.handle(List.of(raw("garbage \u0000 bytes")));
      assertThat(consumer.deadLetters().count()).isEqualTo(cases.size());
      assertThat(consumer.stats().duplicates()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void unknownTypesCanBeIgnored(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b.unknownTypes(UnknownTypePolicy.IGNORE));
      TestDelivery unknown = TestDelivery.of(Steps.envelope("test.Unknown", "k", "{}"));
      TestDelivery good = TestDelivery.of(Steps.envelope("k", 0));

      consumer.handle(List.of(unknown, good));

      assertThat(unknown.settledAs).isEqualTo("ack");
      assertThat(good.settledAs).isEqualTo("ack");
      assertThat(consumer.deadLetters().count()).isZero();
      assertThat(consumer.stats()).isEqualTo(new InboxStats(1, 0, 0, 0, 1));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anUndecodableDeadLetterIsKeyedByItsBytes(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b);
      byte[] bytes = "{\"not\":\"an envelope\"}".getBytes(StandardCharsets.UTF_8);
      consumer.handle(List.of(new TestDelivery(bytes, null, 1)));

      DeadLetter letter = consumer.deadLetters().list(0, 1).get(0);
      assertThat(letter.messageId()).isEqualTo(UUID.nameUUIDFromBytes(bytes));
      assertThat(letter.wireName()).isNull();
      ReplayResult replay = consumer.deadLetters().replay(letter.id());
      assertThat(replay.status()).isEqualTo(ReplayResult.Status.FAILED);
      assertThat(replay.reason()).contains("required field 'id' is missing");
    }
  }
}
