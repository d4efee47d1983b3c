package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.EventCursor;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The projection inbox's claims of a whole page at once (one statement on PostgreSQL, one per event on H2) answer
 * like one claim per event: an id applied before, or earlier in the same page, is not fresh; cursors are recorded.
 */
class ProjectionClaimTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aPageClaimSkipsIdsAppliedBeforeAndRepeatsWithinThePage(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      ProjectionTables tables = new ProjectionTables(fixture.storage());
      tables.ensure();
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      UUID c = UUID.randomUUID();
      EventCursor big = new EventCursor(4_294_967_296L + 7, 3_000_000_000L);
      boolean[] fresh = fixture.storage().inTransaction(tx -> {
        tables.claim(tx.connection(), "p", a, null);
        return tables.claimAll(tx.connection(), "p", List.of(b, a, b, c),
            Arrays.asList(new EventCursor(1, 2), null, new EventCursor(1, 2), big));
      });

      assertThat(fresh).containsExactly(true, false, false, true);
      assertThat(tables.appliedAfter("p", new EventCursor(0, 0))).containsExactly(new EventCursor(1, 2), big);
      boolean[] again = fixture.storage().inTransaction(
          tx -> tables.claimAll(tx.connection(), "p", List.of(c, b, a), Arrays.asList(null, null, null)));
      assertThat(again).containsExactly(false, false, false);
    }
  }
}
