package io.whizbang.runtime.relay;

import static io.whizbang.runtime.outbox.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.Operations;
import io.whizbang.runtime.Operations.DeadLetterFilter;
import io.whizbang.runtime.Operations.DestinationBacklog;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.outbox.ScheduledOutbox;
import io.whizbang.runtime.relay.ScriptedTransport.Outcome;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.TransportLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox as {@link Operations} shows it: the backlog per destination, and dead letters by filter. */
class OperationsOutboxTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void backlogPerDestinationAndFilteredDeadLetters(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport().keepingKeyOrder();
        Relay relay = new Relay(fixture.storage(), transport,
            RelayTest.fast().publishedRetention(Duration.ofHours(1)).build())) {   // published rows stay
      Operations ops = Operations.of(fixture.storage());
      OutgoingMessage poison = message("bad", 1);
      OutgoingMessage command = new OutgoingMessage(UUID.randomUUID(), "shipping.Ship",
          Destination.commands("shipping"), "s-1", 0, Map.of(), new byte[] {1});
      transport.script((m, offered) -> m.messageId().equals(poison.messageId()) ? Outcome.REJECT : Outcome.CONFIRM);
      Outbox outbox = new Outbox(fixture.storage());
      fixture.storage().inTransaction(tx -> {
        outbox.append(tx, List.of(poison, message("bad", 2), message("good", 1), command));
        return null;
      });
      OutgoingMessage reminder = new OutgoingMessage(UUID.randomUUID(), "billing.Remind",
          Destination.commands("billing"), "b-1", 0, Map.of(), new byte[] {2});
      new ScheduledOutbox(fixture.storage(), TransportLimits.NONE)
          .schedule(reminder, SendOptions.defaults().deliverAfter(Duration.ofHours(1)));
      assertThat(ops.outboxStatus())
          .extracting(DestinationBacklog::destination, DestinationBacklog::pending, DestinationBacklog::scheduled)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("whizbang.billing.commands", 0L, 1L),
              org.assertj.core.groups.Tuple.tuple("whizbang.orders.events", 3L, 0L),
              org.assertj.core.groups.Tuple.tuple("whizbang.shipping.commands", 1L, 0L));

      relay.start();
      Await.until(WAIT, "the poison parked, the rest but its key published",
          () -> relay.deadLetters().count() == 1 && transport.confirmed().size() == 2);
      List<DestinationBacklog> backlog = ops.outboxStatus();
      assertThat(backlog).extracting(DestinationBacklog::destination)
          .containsExactly("whizbang.billing.commands", "whizbang.orders.events");   // the reminder is not due
      assertThat(backlog.get(0).scheduled()).isEqualTo(1);
      assertThat(backlog.subList(1, 2)).singleElement().satisfies(d -> {
        assertThat(d.destination()).isEqualTo("whizbang.orders.events");
        assertThat(d.pending()).isEqualTo(1);           // bad:2, held behind the dead letter
        assertThat(d.retrying()).isEqualTo(1);          // it failed with the poison, in the same publish call
        assertThat(d.oldest()).isPositive();
        assertThat(d.deadLetters()).isEqualTo(1);
      });

      DeadLetterFilter byKey = new DeadLetterFilter("whizbang.orders.events", "orders.OrderPlaced", "bad",
          Instant.now().minusSeconds(600), Instant.now().plusSeconds(600));
      assertThat(ops.deadLetters(DeadLetter.Source.OUTBOX, byKey, 0, 10)).singleElement()
          .satisfies(d -> assertThat(d.messageId()).isEqualTo(poison.messageId()));
      for (DeadLetterFilter miss : List.of(
          new DeadLetterFilter("whizbang.orders.commands", null, null, null, null),
          new DeadLetterFilter(null, "orders.OrderShipped", null, null, null),
          new DeadLetterFilter(null, null, "good", null, null),
          new DeadLetterFilter(null, null, null, Instant.now().plusSeconds(600), null),
          new DeadLetterFilter(null, null, null, null, Instant.now().minusSeconds(600)))) {
        assertThat(ops.deadLetters(DeadLetter.Source.OUTBOX, miss, 0, 10)).as(miss.toString()).isEmpty();
      }
      assertThatThrownBy(() -> ops.deadLetters(DeadLetter.Source.OUTBOX,
          new DeadLetterFilter("orders", null, null, null, null), 0, 10))
          .hasMessage("Invalid destination 'orders': use whizbang.<domain>.events or whizbang.<domain>.commands"
              + " (for example whizbang.orders.events)");
      assertThatThrownBy(() -> ops.deadLetters(DeadLetter.Source.OUTBOX, DeadLetterFilter.all(), 0, 0))
          .hasMessageContaining("limit must be between 1 and 10000");

      assertThat(ops.cleanup(Duration.ZERO, Duration.ofDays(7), true).publishedOutboxRows()).isEqualTo(2);
      assertThat(ops.cleanup(Duration.ofHours(1), Duration.ofDays(7), true).publishedOutboxRows()).isZero();
    }
  }
}
