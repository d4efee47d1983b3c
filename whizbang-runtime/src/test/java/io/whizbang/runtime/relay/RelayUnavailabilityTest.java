package io.whizbang.runtime.relay;

import static io.whizbang.runtime.outbox.Messages.body;
import static io.whizbang.runtime.outbox.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.ScriptedTransport.Outcome;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A broker that is unavailable for longer than the retry budget costs time, never a parked row or a key's order. */
class RelayUnavailabilityTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int MAX_ATTEMPTS = 3;

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anOutageLongerThanTheRetryBudgetParksNothingAndEveryKeyResumesInOrder(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport, RelayTest.fast().maxAttempts(MAX_ATTEMPTS)
            .backoff(Duration.ofMillis(10), Duration.ofMillis(40)).build())) {
      AtomicBoolean down = new AtomicBoolean(true);
      transport.script((m, offered) -> down.get() ? Outcome.FAIL : Outcome.CONFIRM);
      List<OutgoingMessage> messages = new ArrayList<>();
      for (int v = 1; v <= 10; v++) {
        for (int k = 0; k < 3; k++) {
          messages.add(message("k" + k, v));
        }
      }
      Outbox outbox = new Outbox(fixture.storage());
      fixture.storage().inTransaction(tx -> {
        outbox.append(tx, messages);
        return null;
      });
      relay.start();

      // The first row of every key has failed well past maxAttempts: the retry budget is spent.
      List<OutgoingMessage> firsts = messages.subList(0, 3);
      Await.until(WAIT, "every key's first row offered " + (3 * MAX_ATTEMPTS) + " times",
          () -> firsts.stream().allMatch(m -> transport.offers(m.messageId()) >= 3 * MAX_ATTEMPTS));
      String dead = StorageInternals.tables(fixture.storage()).outboxDeadLetters();
      assertThat(fixture.count("select count(*) from " + dead)).as("rows parked during the outage").isZero();
      assertThat(relay.stats().parked()).isZero();
      assertThat(transport.confirmed()).isEmpty();

      down.set(false);
      Await.until(WAIT, () -> "published after recovery: " + transport.confirmed().size(),
          () -> transport.confirmed().size() == messages.size());
      assertThat(fixture.count("select count(*) from " + dead)).isZero();
      Map<String, List<String>> perKey = transport.confirmed().stream().collect(Collectors.groupingBy(
          OutgoingMessage::partitionKey, Collectors.mapping(m -> body(m), Collectors.toList())));
      for (int k = 0; k < 3; k++) {
        List<String> expected = new ArrayList<>();
        for (int v = 1; v <= 10; v++) {
          expected.add("k" + k + ":" + v);
        }
        assertThat(perKey.get("k" + k)).as("order of key k" + k).containsExactlyElementsOf(expected);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aTimeoutIsUnavailabilityAndAPermanentRefusalIsPoison(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport, RelayTest.fast().maxAttempts(1)
            .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build())) {
      OutgoingMessage slow = message("slow", 1);
      OutgoingMessage poison = message("poison", 1);
      transport.script((m, offered) -> m.messageId().equals(poison.messageId()) ? Outcome.REJECT
          : offered < 3 ? Outcome.TIMEOUT : Outcome.CONFIRM);
      Outbox outbox = new Outbox(fixture.storage());
      fixture.storage().inTransaction(tx -> {
        outbox.append(tx, List.of(slow, poison));
        return null;
      });
      relay.start();

      Await.until(WAIT, "the slow message confirmed", () -> transport.confirmed().size() == 1);
      String dead = StorageInternals.tables(fixture.storage()).outboxDeadLetters();
      Await.until(WAIT, "the poison parked", () -> fixture.count("select count(*) from " + dead) == 1);
      assertThat(fixture.count("select count(*) from " + dead + " where message_id = '" + poison.messageId() + "'"))
          .isEqualTo(1);
      assertThat(transport.offers(slow.messageId())).as("timed out three times, then confirmed").isEqualTo(4);
    }
  }
}
