package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.projection.AccountsProjection.Account;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rebuild forgets the checkpoint and the applied ids with the read model, so the next start folds it all again. */
class ProjectionRebuildTest {

  @Test
  void rebuiltProjectionFoldsTheWholeHistoryAgainOnce() throws Exception {
    try (InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(TestDb.H2).relayTo(broker);
        StorageFixture projectionDb = StorageFixture.create(TestDb.H2)) {
      List<Envelope> events = new ArrayList<>();
      for (int seq = 1; seq <= 40; seq++) {
        events.add(Deposits.deposited("acc-1", seq, seq));
      }
      owner.append("acc-1", 0, events);
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      ProjectionEngine engine = ProjectionEngine.builder(projectionDb.storage(), broker)
          .registerDomain(Deposits.DOMAIN, ProjectionEngine.Source.feed(owner.feedUri()))
          .build();
      AccountsProjection_Dispatcher dispatcher = new AccountsProjection_Dispatcher(accounts, "balances");
      Map<String, Account> folded = Map.of("acc-1", new Account(40, 40, 820, 0));

      try (RunningProjection first = engine.start(dispatcher)) {
        assertThat(first.awaitLive(Duration.ofSeconds(30))).isTrue();
      }
      assertThat(accounts.accounts()).isEqualTo(folded);

      engine.rebuild(dispatcher, tx -> {
        try (Statement s = tx.connection().createStatement()) {
          s.executeUpdate("delete from " + accounts.table);
          s.executeUpdate("delete from " + accounts.applied);
        }
        return null;
      });
      assertThat(accounts.accounts()).isEmpty();

      try (RunningProjection rebuilt = engine.start(dispatcher)) {
        assertThat(rebuilt.awaitLive(Duration.ofSeconds(30))).isTrue();
        assertThat(rebuilt.progress().backfilled()).isEqualTo(40);
      }
      assertThat(accounts.accounts()).isEqualTo(folded);
      assertThat(accounts.applications()).hasSize(40).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
    }
  }

  @Test
  void resetThatFailsLeavesTheCheckpointInPlace() throws Exception {
    try (InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(TestDb.H2).relayTo(broker);
        StorageFixture projectionDb = StorageFixture.create(TestDb.H2)) {
      owner.append("acc-1", 0, List.of(Deposits.deposited("acc-1", 1, 5)));
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      ProjectionEngine engine = ProjectionEngine.builder(projectionDb.storage(), broker)
          .registerDomain(Deposits.DOMAIN, ProjectionEngine.Source.feed(owner.feedUri()))
          .build();
      AccountsProjection_Dispatcher dispatcher = new AccountsProjection_Dispatcher(accounts, "balances");
      try (RunningProjection first = engine.start(dispatcher)) {
        assertThat(first.awaitLive(Duration.ofSeconds(30))).isTrue();
      }
      ProjectionTables tables = new ProjectionTables(projectionDb.storage());
      var checkpoint = tables.checkpoint("balances");

      assertThatThrownBy(() -> engine.rebuild(dispatcher, tx -> {
        throw new IllegalStateException("the read model is locked");
      })).hasMessageContaining("the read model is locked");
      // All or nothing: the read model, the checkpoint and the applied ids still agree.
      assertThat(tables.checkpoint("balances")).isEqualTo(checkpoint);
      try (RunningProjection again = engine.start(dispatcher)) {
        assertThat(again.awaitLive(Duration.ofSeconds(30))).isTrue();
      }
      assertThat(accounts.accounts()).isEqualTo(Map.of("acc-1", new Account(1, 1, 5, 0)));
    }
  }
}
