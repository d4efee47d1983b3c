package io.whizbang.benchmarks.feed;

import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Alternating.Done;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.store.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Catch-up rate of the event store's gap-safe feed ({@code EventStore.readAll}, pages of 1,000 from the start, in
 * process) as the store grows from 10,000 to 1,000,000 events: flat is the goal. The baseline, in alternating
 * slices of the same run, is the plainest possible reader: a keyset scan of the same columns by primary key
 * ({@code position > ? order by position}), which is not gap-safe. Then, at the sizes where it finishes, the feed
 * query as it was before the fix of its ordering (a text sort of every row after the cursor).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.feed.CatchUpBenchmark</pre>
 */
public final class CatchUpBenchmark {
  private static final int PAGE = 1000;
  private static final String COLUMNS = "position, stream_id, stream_version, message_id, wire_name, domain,"
      + " partition_key, correlation_id, causation_id, occurred_at, headers, payload";

  private CatchUpBenchmark() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int rounds = Report.intArg(args, "rounds", 4);
    double slice = Report.doubleArg(args, "slice", 1.5);
    int[] sizes = {10_000, 100_000, 1_000_000};
    String prefix = Postgres.uniquePrefix("catchup");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      EventStore store = new EventStore(storage);
      double first = 0;
      int filled = 0;
      for (int size : sizes) {
        fill(storage, filled, size);
        filled = size;
        Reader feed = new Reader(storage, (c, cursor) -> {
          EventStore.Page page = store.readAll(c, cursor, null, PAGE);
          return new Step(page.events().size(), page.next());
        });
        double[] r = Alternating.rates("catch-up at " + size + " events", rounds, slice,
            feed::run, new Reader(storage, keysetPage(storage))::run);
        Report.ratio(String.format(Locale.ROOT, "feed catch-up at %,d events vs keyset scan", size),
            r[0], r[1], "events/s", Double.NaN);
        first = first == 0 ? r[0] : first;
        Report.info(String.format(Locale.ROOT, "feed rate at %,d events is %.2fx the rate at %,d", size,
            r[0] / first, sizes[0]));
        if (size <= 100_000) {
          Done before = new Reader(storage, preFixPage(storage)).run((long) (slice * 1e9));
          Report.rate(String.format(Locale.ROOT, "pre-fix feed query at %,d events", size),
              before.ops() / (before.nanos() / 1e9), "events/s");
        }
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  /** Reads one page after a cursor. */
  private interface Page {
    Step after(Connection c, EventCursor cursor) throws SQLException;
  }

  /** A page read: how many events, and the cursor after them. */
  private record Step(int events, EventCursor next) {}

  /** Reads pages from the start for a slice, going round again at the head; counts events read. */
  private record Reader(SqlStorage storage, Page page) {
    Done run(long nanos) throws SQLException {
      long start = System.nanoTime();
      long events = 0;
      try (Connection c = storage.dataSource().getConnection()) {
        EventCursor cursor = EventCursor.START;
        while (System.nanoTime() - start < nanos) {
          Step step = page.after(c, cursor);
          events += step.events();
          cursor = step.events() < PAGE ? EventCursor.START : step.next();
        }
      }
      return Done.since(start, events);
    }
  }

  private static Page keysetPage(SqlStorage storage) {
    String sql = "select " + COLUMNS + " from " + StorageInternals.tables(storage).events()
        + " where position > ? order by position fetch first " + PAGE + " rows only";
    return (c, cursor) -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setLong(1, cursor.position());
        return lastOf(s, false);
      }
    };
  }

  /** The feed query before the fix: {@code order by tx_order} bound to the select list's unaliased text cast. */
  private static Page preFixPage(SqlStorage storage) {
    String sql = "select " + COLUMNS + ", cast(tx_order as text) from " + StorageInternals.tables(storage).events()
        + " where (tx_order > cast(? as xid8) or (tx_order = cast(? as xid8) and position > ?))"
        + " and tx_order < pg_snapshot_xmin(pg_current_snapshot())"
        + " order by tx_order, position fetch first " + PAGE + " rows only";
    return (c, cursor) -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, Long.toString(cursor.txOrder()));
        s.setString(2, Long.toString(cursor.txOrder()));
        s.setLong(3, cursor.position());
        return lastOf(s, true);
      }
    };
  }

  /** Reads every row and column of a page (as the feed does) up to the cursor of its last row. */
  private static Step lastOf(PreparedStatement s, boolean withTxOrder) throws SQLException {
    EventCursor last = EventCursor.START;
    int events = 0;
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        for (int column = 2; column <= 12; column++) {
          r.getObject(column);
        }
        long txOrder = withTxOrder ? Long.parseLong(r.getString(13)) : 0;
        last = new EventCursor(txOrder, r.getLong(1));
        events++;
      }
    }
    return new Step(events, last);
  }

  /** Appends rows {@code from..to}: 1,000 streams, transaction ids spread below the read fence. */
  private static void fill(SqlStorage storage, int from, int to) throws SQLException {
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
      long xid;
      try (ResultSet r = s.executeQuery("select cast(pg_current_xact_id() as text)")) {
        r.next();
        xid = Long.parseLong(r.getString(1));
      }
      s.execute("insert into " + StorageInternals.tables(storage).events() + " (tx_order, stream_id, stream_version, message_id,"
          + " wire_name, domain, partition_key, correlation_id, causation_id, occurred_at, headers, payload)"
          + " select cast(cast(1 + (g::bigint * " + Math.max(1, xid - 10) + ") / 1000000 as text) as xid8),"
          + " 'acc-' || (g % 1000),"
          + " g / 1000 + 1, gen_random_uuid(), 'bench.AmountDeposited', 'bench', 'acc-' || (g % 1000),"
          + " gen_random_uuid(), null, now(), '{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}',"
          + " convert_to('{\"account\":\"acc-' || (g % 1000) || '\",\"amount\":' || g || '}', 'UTF8')"
          + " from generate_series(" + from + ", " + (to - 1) + ") as g");
      s.execute("analyze " + StorageInternals.tables(storage).events());
    }
  }
}
