package io.whizbang.runtime.relay;

import static io.whizbang.runtime.outbox.Messages.body;
import static io.whizbang.runtime.outbox.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.internal.DeadLetterLog;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.outbox.OutboxDeadLetters;
import io.whizbang.runtime.relay.ScriptedTransport.Outcome;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.CapturedLogs;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sequenced outbox dead letters: a parked row holds its key until it is replayed or discarded. */
class OutboxDeadLettersTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static void append(StorageFixture fixture, List<OutgoingMessage> messages) {
    Outbox outbox = new Outbox(fixture.storage());
    fixture.storage().inTransaction(tx -> {
      outbox.append(tx, messages);
      return null;
    });
  }

  private static List<CapturedLogs.Line> deadLetterLines(OutgoingMessage m) {
    return CapturedLogs.matching(l -> l.logger().equals(DeadLetterLog.LOGGER)
        && l.message().contains(m.messageId().toString()));
  }

  private static List<String> bodiesOf(ScriptedTransport transport, String key) {
    return transport.confirmed().stream().filter(m -> key.equals(m.partitionKey())).map(m -> body(m)).toList();
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aParkedRowHoldsItsKeyUntilReplayedThenTheKeyFlowsInOrder(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport().keepingKeyOrder();
        Relay relay = new Relay(fixture.storage(), transport, RelayTest.fast().build())) {
      OutboxDeadLetters deadLetters = new OutboxDeadLetters(fixture.storage());
      OutgoingMessage poison = message("bad", 1);
      Set<java.util.UUID> refused = ConcurrentHashMap.newKeySet();
      refused.add(poison.messageId());
      transport.script((m, offered) -> refused.contains(m.messageId()) ? Outcome.REJECT : Outcome.CONFIRM);
      append(fixture, List.of(poison, message("bad", 2), message("good", 1), message("bad", 3), message("good", 2)));
      relay.start();

      Await.until(WAIT, "the poison parked", () -> deadLetters.count() == 1);
      // One WARN line for the dead letter, naming it and its destination (written just after the row moved).
      Await.until(WAIT, "the dead-letter line", () -> !deadLetterLines(poison).isEmpty());
      assertThat(deadLetterLines(poison)).singleElement().satisfies(line -> {
        assertThat(line.level()).isEqualTo(org.slf4j.event.Level.WARN);
        assertThat(line.message()).contains(poison.wireName(), "destination '" + poison.destination()
            .conventionalName() + "'", "after 1 attempt(s)", "message too large");
        assertThat(line.mdc()).containsKey("wb.relay").containsEntry("wb.messageId", poison.messageId().toString());
      });
      // A row appended after the parking is published: the relay has run rounds since, and still holds "bad".
      OutgoingMessage marker = message("good", 3);
      append(fixture, List.of(marker));
      Await.until(WAIT, "the other key flows", () -> bodiesOf(transport, "good").size() == 3);
      assertThat(bodiesOf(transport, "bad")).as("rows held behind the dead letter").isEmpty();

      List<DeadLetter> listed = deadLetters.list(0, 10);
      assertThat(listed).hasSize(1);
      DeadLetter letter = listed.get(0);
      assertThat(letter.messageId()).isEqualTo(poison.messageId());
      assertThat(letter.partitionKey()).isEqualTo("bad");
      assertThat(letter.reason()).contains("Refused permanently").contains("message too large");
      assertThat(letter.body()).isEqualTo(poison.body());
      assertThat(deadLetters.find(letter.id())).isPresent();

      refused.clear(); // the cause is fixed
      assertThat(deadLetters.replay(letter.id()).status()).isEqualTo(ReplayResult.Status.REPLAYED);
      assertThat(deadLetters.replay(letter.id()).status()).as("replayed once only")
          .isEqualTo(ReplayResult.Status.NOT_FOUND);

      Await.until(WAIT, () -> "bad key published: " + bodiesOf(transport, "bad"),
          () -> bodiesOf(transport, "bad").size() == 3);
      assertThat(bodiesOf(transport, "bad")).containsExactly("bad:1", "bad:2", "bad:3");
      assertThat(deadLetters.count()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aDiscardedDeadLetterLetsItsKeyFlowOnWithoutIt(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport().keepingKeyOrder();
        Relay relay = new Relay(fixture.storage(), transport, RelayTest.fast().build())) {
      OutboxDeadLetters deadLetters = new OutboxDeadLetters(fixture.storage());
      OutgoingMessage poison = message("bad", 1);
      transport.script((m, offered) -> m.messageId().equals(poison.messageId()) ? Outcome.REJECT : Outcome.CONFIRM);
      append(fixture, List.of(poison, message("bad", 2), message("bad", 3)));
      relay.start();

      Await.until(WAIT, "the poison parked", () -> deadLetters.count() == 1);
      append(fixture, List.of(message("good", 1)));
      Await.until(WAIT, "a later round ran", () -> bodiesOf(transport, "good").size() == 1);
      assertThat(bodiesOf(transport, "bad")).isEmpty();

      long id = deadLetters.list(0, 10).get(0).id();
      assertThat(deadLetters.discard(id)).isTrue();
      assertThat(deadLetters.discard(id)).isFalse();

      Await.until(WAIT, () -> "bad key published: " + bodiesOf(transport, "bad"),
          () -> bodiesOf(transport, "bad").size() == 2);
      assertThat(bodiesOf(transport, "bad")).containsExactly("bad:2", "bad:3");
      assertThat(transport.offers(poison.messageId())).as("a discarded row is never published").isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void theInMemoryTransportsTooLargeRefusalIsPoisonThatHoldsItsKey(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        InMemoryTransport transport = InMemoryTransport.builder().maxMessageBytes(64).build();
        // Published rows are kept, so the test can count them.
        Relay relay = new Relay(fixture.storage(), transport,
            RelayTest.fast().publishedRetention(java.time.Duration.ofHours(1)).build())) {
      OutboxDeadLetters deadLetters = new OutboxDeadLetters(fixture.storage());
      OutgoingMessage small = message("big", 1);
      OutgoingMessage huge = new OutgoingMessage(java.util.UUID.randomUUID(), small.wireName(), small.destination(),
          "big", 0, small.headers(), new byte[1000]);
      append(fixture, List.of(huge, message("big", 2), message("other", 1)));
      relay.start();

      Await.until(WAIT, "the oversized message parked", () -> deadLetters.count() == 1);
      String outbox = StorageInternals.tables(fixture.storage()).outbox();
      Await.until(WAIT, "the other key published", () -> fixture.count("select count(*) from " + outbox
          + " where partition_key = 'other' and published_at_ms is not null") == 1);
      assertThat(fixture.count("select count(*) from " + outbox + " where partition_key = 'big'"
          + " and published_at_ms is not null")).as("held behind the dead letter").isZero();
      assertThat(deadLetters.list(0, 10).get(0).reason()).contains("maxMessageBytes");

      deadLetters.discard(deadLetters.list(0, 10).get(0).id());
      Await.until(WAIT, "the key flows on", () -> fixture.count("select count(*) from " + outbox
          + " where partition_key = 'big' and published_at_ms is not null") == 1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void listRefusesAnUnreasonableLimit(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      assertThatThrownBy(() -> new OutboxDeadLetters(fixture.storage()).list(0, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("limit must be between 1 and 10000, was 0");
    }
  }
}
