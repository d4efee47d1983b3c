package io.whizbang.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The feed's order is numeric on the transaction id whatever its decimal length: a page never sorts ids as text
 * ({@code '100000' < '99999'}), so a reader following the cursor gets every event once, in order, at any page size.
 */
class TransactionIdBoundaryTest {

  static Stream<Arguments> databasesAndPageSizes() {
    return Stream.of(TestDb.values()).flatMap(db -> Stream.of(1, 2, 3, 1000).map(size -> Arguments.of(db, size)));
  }

  @ParameterizedTest(name = "{0}, pages of {1}")
  @MethodSource("databasesAndPageSizes")
  void everyEventOnceInNumericOrderAcrossIdBoundaries(TestDb db, int pageSize) {
    try (StorageFixture fixture = StorageFixture.create(db, TxOrderBoundaries.visibleIds(db))) {
      List<UUID> expected = TxOrderBoundaries.write(fixture.storage());

      List<UUID> read = TxOrderBoundaries.readAll(new EventStore(fixture.storage()), pageSize);

      assertThat(read).containsExactlyElementsOf(expected);
    }
  }

  /**
   * No seam: the server's own transaction ids are moved up to just below the next power of ten (by assigning
   * subtransaction ids, which is cheap), then events commit in transactions on both sides of it, one of them held
   * open across it and committed last. The real fence and the real ids must give every event once, in order.
   * Burning runs at about 200,000 ids a second; when the next power of ten is more than 10 million ids away (a
   * server that already crossed 10^7) the case is skipped and the moved-fence cases above cover the boundaries.
   */
  @Test
  void realTransactionIdsCrossingAPowerOfTen() throws Exception {
    try (StorageFixture fixture = StorageFixture.create(TestDb.POSTGRES)) {
      long boundary = moveTransactionIdsBelowNextPowerOfTen(fixture);
      EventStore store = new EventStore(fixture.storage());
      try (Connection held = fixture.connection(); Connection c = fixture.connection()) {
        held.setAutoCommit(false);
        store.append(held, "held", 0, List.of(Deposits.deposited("held", 1, 1)));
        int version = 0;
        while (maxTxOrder(fixture) < boundary + 5 && version < 10_000) {
          version++;
          store.append(c, "acc", version - 1, List.of(Deposits.deposited("acc", version, version)));
        }
        held.commit();
      }
      fixture.awaitReadFence();
      List<long[]> stored = storedOrder(fixture);
      assertThat(stored).as("ids on both sides of " + boundary)
          .anyMatch(row -> row[0] < boundary).anyMatch(row -> row[0] >= boundary);
      List<Long> expected = stored.stream().map(row -> row[1]).toList();

      for (int pageSize : new int[] {1, 2, 1000}) {
        List<Long> positions = new ArrayList<>();
        EventCursor cursor = EventCursor.START;
        while (true) {
          EventStore.Page page = store.readAll(cursor, null, pageSize);
          page.events().forEach(e -> positions.add(e.envelope().position()));
          cursor = page.next();
          if (page.atHead()) {
            break;
          }
        }
        assertThat(positions).as("pages of " + pageSize).containsExactlyElementsOf(expected);
      }
    }
  }

  /** Burns transaction ids until the next one is a few below a power of ten; returns that power. */
  private static long moveTransactionIdsBelowNextPowerOfTen(StorageFixture fixture) throws SQLException {
    try (Connection c = fixture.connection(); Statement s = c.createStatement()) {
      long current = currentXid(s);
      long boundary = 10;
      while (boundary <= current + 100) {
        boundary *= 10;
      }
      Assumptions.assumeTrue(boundary - current <= 10_000_000, "the server's transaction id " + current
          + " is too far below " + boundary + " to reach it quickly; the moved-fence cases still cover it");
      s.execute("create temporary table if not exists wb_burn (x int)");
      while (boundary - current > 30) {
        long burn = Math.min(100_000, boundary - current - 30);
        s.execute("do $$ begin for i in 1.." + burn
            + " loop begin insert into wb_burn values (i); exception when others then null; end; end loop; end $$");
        s.execute("truncate wb_burn");
        current = currentXid(s);
      }
      return boundary;
    }
  }

  private static long currentXid(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("select cast(pg_current_xact_id() as text)")) {
      r.next();
      return Long.parseLong(r.getString(1));
    }
  }

  private static long maxTxOrder(StorageFixture fixture) {
    List<long[]> rows = storedOrder(fixture);
    return rows.stream().mapToLong(row -> row[0]).max().orElse(0);
  }

  /** Every stored row's (tx_order, position), sorted numerically in Java: the order the feed must return. */
  private static List<long[]> storedOrder(StorageFixture fixture) {
    List<long[]> rows = new ArrayList<>();
    try (Connection c = fixture.connection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select cast(tx_order as text), position from "
            + StorageInternals.tables(fixture.storage()).events())) {
      while (r.next()) {
        rows.add(new long[] {Long.parseLong(r.getString(1)), r.getLong(2)});
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    rows.sort(Comparator.<long[]>comparingLong(row -> row[0]).thenComparingLong(row -> row[1]));
    return rows;
  }
}
