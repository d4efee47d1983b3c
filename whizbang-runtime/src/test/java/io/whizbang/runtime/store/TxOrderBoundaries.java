package io.whizbang.runtime.store;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.sql.MovedFenceDialect;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.storage.SqlStorage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Events whose feed order keys straddle the values where a number's decimal length changes (10^5, 10^6, 10^9,
 * 10^10) and the 32-bit limits (2^31, 2^32): values that order one way as numbers and the other way as text.
 *
 * <p>On both databases the events' positions straddle these values (the identity is restarted before each append).
 * On PostgreSQL their {@code tx_order} is then rewritten to transaction ids around the same values, in an order that
 * differs from their positions (a late-committing transaction holds a low id and high positions) while each
 * stream's versions stay in order, as the store guarantees. (H2 has no transaction ids in its order: its positions
 * are handed out in commit order.) Reading them back must give every event once, sorted numerically by
 * {@code (tx_order, position)}.
 */
public final class TxOrderBoundaries {
  /** Above every id used here: the moved read fence of PostgreSQL tests. */
  public static final long FENCE = 100_000_000_000L;

  private static final long[] BOUNDARIES = {
      100_000L, 1_000_000L, 1_000_000_000L, 1L << 31, 1L << 32, 10_000_000_000L};
  private static final int STREAMS = 4;

  private TxOrderBoundaries() {}

  /** The storage options of a test database whose rows at these ids are visible (PostgreSQL: the moved fence). */
  public static UnaryOperator<SqlStorage.Builder> visibleIds(TestDb db) {
    return db == TestDb.POSTGRES ? b -> StorageInternals.withDialect(b, new MovedFenceDialect(FENCE)) : b -> b;
  }

  /** The positions: three before each boundary, then at and after it. */
  static List<Long> positions() {
    List<Long> positions = new ArrayList<>();
    positions.add(7L);
    positions.add(99L);
    for (long b : BOUNDARIES) {
      for (long p = b - 3; p <= b + 2; p++) {
        positions.add(p);
      }
    }
    return positions;
  }

  /** The ids written: around each boundary, one before it twice (one transaction, two events), then at and after. */
  static List<Long> ids() {
    List<Long> ids = new ArrayList<>();
    ids.add(7L);
    ids.add(99L);
    for (long b : BOUNDARIES) {
      ids.add(b - 2);
      ids.add(b - 1);
      ids.add(b - 1);
      ids.add(b);
      ids.add(b + 1);
      ids.add(b + 1);
    }
    return ids;
  }

  /**
   * Appends {@link #ids()}.size() deposits over a few accounts ({@link Deposits}), rewrites their transaction ids,
   * and returns the message ids in the order the feed must return them.
   */
  public static List<UUID> write(SqlStorage storage) {
    EventStore store = new EventStore(storage);
    List<Long> ids = ids();
    List<Long> positions = positions();
    Random random = new Random(42);
    // Appended in one interleaving of the accounts (positions)...
    List<String> appendOrder = interleaving(ids.size(), random);
    List<Envelope> byPosition = new ArrayList<>();
    int[] versions = new int[STREAMS];
    try (Connection c = storage.dataSource().getConnection()) {
      for (int k = 0; k < appendOrder.size(); k++) {
        String account = appendOrder.get(k);
        restartPositionsAt(c, storage, positions.get(k));
        int version = ++versions[index(account)];
        Envelope event = Deposits.deposited(account, version, version);
        store.append(c, account, version - 1, List.of(event)); // auto-commit: a transaction per event
        byPosition.add(event);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (!StorageInternals.dialect(storage).name().equals("postgresql")) {
      return byPosition.stream().map(Envelope::messageId).toList();
    }
    // ...and committed in another (transaction ids): the k-th event of the second interleaving takes the k-th id.
    List<String> commitOrder = interleaving(ids.size(), random);
    int[] nextVersion = new int[STREAMS];
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < commitOrder.size(); k++) {
      String account = commitOrder.get(k);
      int version = ++nextVersion[index(account)];
      int position = positionOf(byPosition, account, version);
      rows.add(new Row(byPosition.get(position).messageId(), ids.get(k), position));
    }
    rewrite(storage, rows);
    rows.sort(Comparator.comparingLong(Row::txOrder).thenComparingInt(Row::position));
    return rows.stream().map(Row::messageId).toList();
  }

  /** Reads the whole feed with pages of {@code pageSize}, following the cursor. */
  public static List<UUID> readAll(EventStore store, int pageSize) {
    List<UUID> read = new ArrayList<>();
    EventCursor cursor = EventCursor.START;
    for (int pages = 0; pages < 10_000; pages++) {
      EventStore.Page page = store.readAll(cursor, null, pageSize);
      page.events().forEach(e -> read.add(e.envelope().messageId()));
      cursor = page.next();
      if (page.atHead()) {
        return read;
      }
    }
    throw new AssertionError("the feed never reached its head; read so far: " + read.size());
  }

  private static void restartPositionsAt(Connection c, SqlStorage storage, long position) throws SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      s.execute("alter table " + StorageInternals.tables(storage).events() + " alter column position restart with " + position);
    }
  }

  private record Row(UUID messageId, long txOrder, int position) {}

  private static List<String> interleaving(int events, Random random) {
    List<String> order = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      order.add("acc-" + (i % STREAMS));
    }
    java.util.Collections.shuffle(order, random);
    return order;
  }

  private static int index(String account) {
    return Integer.parseInt(account.substring("acc-".length()));
  }

  private static int positionOf(List<Envelope> byPosition, String account, int version) {
    int seen = 0;
    for (int p = 0; p < byPosition.size(); p++) {
      if (byPosition.get(p).partitionKey().equals(account) && ++seen == version) {
        return p;
      }
    }
    throw new IllegalStateException(account + " v" + version + " was not appended");
  }

  private static void rewrite(SqlStorage storage, List<Row> rows) {
    String sql = "update " + StorageInternals.tables(storage).events() + " set tx_order = "
        + StorageInternals.dialect(storage).txOrderParameter() + " where message_id = ?";
    try (Connection c = storage.dataSource().getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
      for (Row row : rows) {
        update.setString(1, Long.toString(row.txOrder()));
        update.setObject(2, row.messageId());
        update.addBatch();
      }
      update.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
