package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A projection's meters on PostgreSQL: its phase, the events it applied by source after a backfill and then live
 * events, its lag and checkpoint age, and their removal when it closes.
 */
class ProjectionMetersTest {
  private static final String NAME = "metered";

  @Test
  void phaseAndEventsAppliedFollowTheBackfillThenTheLiveEvents() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(TestDb.POSTGRES).relayTo(broker);
        StorageFixture projectionDb = StorageFixture.create(TestDb.POSTGRES)) {
      append(owner, "a", 0, 12);                               // history: backfilled
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      RunningProjection projection = ProjectionEngine.builder(projectionDb.storage(), broker)
          .registerDomain(Deposits.DOMAIN, owner.feedUri().toString().replace("/events", ""))
          .meterRegistry(registry)
          .build().start(new AccountsProjection_Dispatcher(accounts, NAME));
      try (projection) {
        assertThat(projection.awaitLive(Duration.ofSeconds(30))).isTrue();
        assertThat(phase(registry, "LIVE")).isEqualTo(1);
        assertThat(phase(registry, "BACKFILLING")).isZero();
        assertThat(phase(registry, "FAILED")).isZero();
        assertThat(applied(registry, "backfill")).isEqualTo(12);
        assertThat(applied(registry, "live")).isZero();

        append(owner, "b", 0, 5);                              // live
        Await.until(() -> applied(registry, "live") == 5, "5 live events applied");
        assertThat(applied(registry, "backfill")).isEqualTo(12);
        assertThat(registry.get("whizbang.projection.events.duplicate").tag("projection", NAME).functionCounter()
            .count()).isEqualTo(projection.progress().duplicates());
        double lag = registry.get("whizbang.projection.lag").tag("projection", NAME).gauge().value();
        assertThat(Double.isNaN(lag) || lag == 0).as("nothing waits on the broker (or it does not tell): %s", lag)
            .isTrue();
        assertThat(registry.get("whizbang.projection.checkpoint.age").tag("projection", NAME).timeGauge()
            .value(TimeUnit.MILLISECONDS)).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(registry.get("whizbang.projection.last.event.age").tags("projection", NAME, "domain",
            Deposits.DOMAIN).timeGauge().value(TimeUnit.MILLISECONDS)).isNotNaN().isGreaterThanOrEqualTo(0);
      }
      assertThat(registry.find("whizbang.projection.phase").meters()).as("removed at close").isEmpty();
      assertThat(registry.getMeters()).isEmpty();
    }
  }

  private static double phase(SimpleMeterRegistry registry, String phase) {
    return registry.get("whizbang.projection.phase").tags("projection", NAME, "phase", phase).gauge().value();
  }

  private static double applied(SimpleMeterRegistry registry, String source) {
    return registry.get("whizbang.projection.events.applied").tags("projection", NAME, "source", source)
        .functionCounter().count();
  }

  private static void append(OwnerService owner, String account, int version, int count) {
    List<Envelope> events = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      events.add(Deposits.deposited(account, version + i, 10));
    }
    owner.append(account, version, events);
  }
}
