package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.projection.AccountsProjection.Account;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A projection started {@code ProjectionEngine.BackfillFrom.at(t)} folds only the events that occurred at or after {@code t}: the
 * older ones are left out of the backfill by the feed, and out of the live stream by the engine (a broker that
 * replays its topic from the start, as a new Kafka consumer group does, delivers them live).
 */
class BackfillFromTest {

  @Test
  void onlyEventsFromThePointInTimeAreFoldedWhetherBackfilledOrLive() throws Exception {
    Instant from = Instant.parse("2026-06-01T00:00:00Z");
    Instant before = from.minusSeconds(3600);
    Instant after = from.plusSeconds(3600);
    try (InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(TestDb.H2).relayTo(broker);
        StorageFixture projectionDb = StorageFixture.create(TestDb.H2)) {
      owner.append("old", 0, List.of(deposit("old", 1, before)));
      owner.append("new", 0, List.of(deposit("new", 1, from), deposit("new", 2, after)));
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      try (RunningProjection projection = ProjectionEngine.builder(projectionDb.storage(), broker)
          .registerDomain(Deposits.DOMAIN, owner.feedUri().toString().replace("/events", ""))
          .backfillFrom(ProjectionEngine.BackfillFrom.at(from))
          .build()
          .start(new AccountsProjection_Dispatcher(accounts, "since-june"))) {
        assertThat(projection.awaitLive(Duration.ofSeconds(30))).isTrue();
        assertThat(accounts.accounts()).containsOnlyKeys("new");

        // Live now: an event that occurred before the point in time is left out here too. Both share a partition
        // key, so the old one was delivered (and passed over) before the new one arrives.
        owner.append("old", 1, List.of(sharingKey(deposit("old", 2, before))));
        owner.append("new", 2, List.of(sharingKey(deposit("new", 3, after))));
        awaitEvents(accounts, "new", 3);
        assertThat(accounts.accounts()).containsOnly(Map.entry("new", new Account(3, 3, 30, 0)));
      }
    }
  }

  private static Envelope deposit(String account, long seq, Instant occurredAt) {
    return Deposits.deposited(account, seq, 10, occurredAt);
  }

  private static Envelope sharingKey(Envelope e) {
    return new Envelope(e.messageId(), e.wireName(), e.domain(), "shared", e.correlationId(), e.causationId(),
        e.occurredAt(), e.position(), e.headers(), e.payload());
  }

  private static void awaitEvents(AccountsProjection accounts, String account, long events)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Account a = accounts.accounts().get(account);
      if (a != null && a.events() >= events) {
        return;
      }
      Thread.sleep(10);
    }
  }
}
