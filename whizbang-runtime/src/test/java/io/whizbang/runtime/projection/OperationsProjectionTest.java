package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.Operations;
import io.whizbang.runtime.Operations.ProjectionState;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.EventCursor;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The projections' stored progress as {@link Operations} shows and forgets it. */
class OperationsProjectionTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void statusRewindAndForget(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      Operations ops = Operations.of(fixture.storage());
      // Before any projection ran its tables do not exist: nothing to show or forget, and no error.
      assertThat(ops.projectionStatus()).isEmpty();
      assertThat(ops.rewindProjection("balances")).isFalse();

      ProjectionTables tables = new ProjectionTables(fixture.storage());
      tables.ensure();
      EventCursor cursor = new EventCursor(7, 42);
      fixture.storage().inTransaction(tx -> {
        tables.claim(tx.connection(), "balances", UUID.randomUUID(), new EventCursor(7, 41));
        tables.claim(tx.connection(), "balances", UUID.randomUUID(), cursor);
        tables.claim(tx.connection(), "totals", UUID.randomUUID(), cursor);
        tables.saveCheckpoint(tx.connection(), "balances", cursor);
        return null;
      });

      assertThat(ops.projectionStatus()).extracting(ProjectionState::projection, ProjectionState::cursor,
          ProjectionState::appliedIds, ProjectionState::deadLetters).containsExactly(
              org.assertj.core.groups.Tuple.tuple("balances", cursor.token(), 2L, 0L),
              org.assertj.core.groups.Tuple.tuple("totals", null, 1L, 0L));
      assertThat(ops.projectionStatus().get(0).updatedAt()).isNotNull();

      assertThat(ops.rewindProjection("balances")).isTrue();
      assertThat(tables.checkpoint("balances")).isNull();
      assertThat(ops.projectionStatus().get(0).appliedIds()).isEqualTo(2);
      assertThat(ops.rewindProjection("balances")).isFalse();

      assertThat(ops.forgetProjection("balances")).isTrue();
      assertThat(ops.projectionStatus()).extracting(ProjectionState::projection).containsExactly("totals");
      assertThat(ops.forgetProjection("balances")).isFalse();
    }
  }
}
