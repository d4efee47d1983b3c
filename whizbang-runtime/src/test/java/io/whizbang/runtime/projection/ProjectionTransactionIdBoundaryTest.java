package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.projection.AccountsProjection.Account;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.TxOrderBoundaries;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A projection backfilled from an owner whose events' transaction ids straddle 10^5 ... 10^10 (see
 * {@link TxOrderBoundaries}) applies every event exactly once and each account's deposits in order, whatever page
 * size the owner's feed reads its store with.
 */
class ProjectionTransactionIdBoundaryTest {

  static Stream<Arguments> databasesAndSizes() {
    return Stream.of(TestDb.values()).flatMap(db -> Stream.of(1, 2, 1000).map(size -> Arguments.of(db, size)));
  }

  @ParameterizedTest(name = "{0}, owner store pages of {1}")
  @MethodSource("databasesAndSizes")
  void backfillAppliesEveryEventOnceInOrder(TestDb db, int storePage) throws Exception {
    try (InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(db, TxOrderBoundaries.visibleIds(db), Set.of(Deposits.DEPOSITED),
            FeedServerOptions.defaults(), feed -> feed.streamBatch(storePage));
        StorageFixture projectionDb = StorageFixture.create(db)) {
      List<UUID> expected = TxOrderBoundaries.write(owner.fixture().storage());
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      ProjectionEngine engine = ProjectionEngine.builder(projectionDb.storage(), broker)
          .registerDomain(Deposits.DOMAIN, ProjectionEngine.Source.feed(owner.feedUri()))
          .build();

      try (RunningProjection running = engine.start(new AccountsProjection_Dispatcher(accounts, "boundaries"))) {
        assertThat(running.awaitLive(Duration.ofSeconds(60))).isTrue();
        assertThat(running.progress().backfilled()).isEqualTo(expected.size());
      }

      assertThat(accounts.applications()).containsOnlyKeys(expected).allSatisfy((id, times) ->
          assertThat(times).as("applications of " + id).isEqualTo(1));
      assertThat(accounts.accounts().values()).extracting(Account::violations).containsOnly(0L);
      assertThat(accounts.eventsApplied()).isEqualTo(expected.size());
    }
  }
}
