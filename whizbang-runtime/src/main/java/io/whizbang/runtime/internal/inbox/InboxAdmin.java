package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.Operations.DeadLetterFilter;
import io.whizbang.runtime.Operations.InboxSummary;
import io.whizbang.runtime.internal.DeadLetterPages;
import io.whizbang.runtime.internal.ops.FilterSql;
import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.TableNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The inbox tables as an operator sees them, across subscribers and without their handlers: status, filtered dead
 * letters, replay marks, and the cleanup each consumer runs, run for all of them.
 */
public final class InboxAdmin {
  private static final int CLEANUP_BATCH = 1000;

  private final DeadLetterTable deadLetters;
  private final InboxTable inbox;
  private final HandlerRuns runs;
  private final String inboxTable;
  private final String runsTable;

  public InboxAdmin(SqlDialect dialect, TableNames tables) {
    this.deadLetters = new DeadLetterTable(tables);
    this.inbox = new InboxTable(dialect, tables);
    this.runs = new HandlerRuns(dialect, tables);
    this.inboxTable = tables.table("inbox");
    this.runsTable = tables.table("inbox_attempts");
  }

  /** Per subscriber with inbox rows or dead letters: rows, dead letters, replay marks, the oldest dead letter. */
  public List<InboxSummary> summaries(Connection c) throws SQLException {
    Map<String, long[]> rows = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("select consumer_id, count(*) from " + inboxTable
        + " group by consumer_id"); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.put(r.getString(1), new long[] {r.getLong(2)});
      }
    }
    Map<String, InboxSummary> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("select consumer_id, count(*), sum(case when"
        + " replay_requested_at_ms is null then 0 else 1 end), min(dead_lettered_at_ms) from " + deadLetters.name()
        + " group by consumer_id"); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String id = r.getString(1);
        long[] kept = rows.remove(id);
        out.put(id, new InboxSummary(id, kept == null ? 0 : kept[0], r.getLong(2), r.getLong(3),
            Instant.ofEpochMilli(r.getLong(4))));
      }
    }
    rows.forEach((id, kept) -> out.put(id, new InboxSummary(id, kept[0], 0, 0, null)));
    return new ArrayList<>(out.values());
  }

  public List<DeadLetter> list(Connection c, DeadLetterFilter filter, long afterId, int limit) throws SQLException {
    DeadLetterPages.checkLimit(limit);
    return deadLetters.list(c, FilterSql.of(filter, "consumer_id", "dead_lettered_at_ms"), afterId, limit);
  }

  public Optional<DeadLetter> find(Connection c, long id) throws SQLException {
    List<DeadLetter> found = deadLetters.list(c, FilterSql.of(DeadLetterFilter.all(), "consumer_id",
        "dead_lettered_at_ms"), id - 1, 1);
    return found.stream().filter(d -> d.id() == id).findFirst();
  }

  public boolean requestReplay(Connection c, long id, long nowMillis) throws SQLException {
    return deadLetters.requestReplay(c, id, nowMillis);
  }

  public boolean discard(Connection c, long id) throws SQLException {
    Optional<DeadLetter> letter = find(c, id);
    return letter.isPresent() && deadLetters.rows().delete(c, letter.get().owner(), id);
  }

  /** The inbox rows and run counts older than {@code cutoffMillis}: {@code [rows, runCounts]}. */
  public long[] countExpired(Connection c, long cutoffMillis) throws SQLException {
    return new long[] {
        count(c, "select count(*) from " + inboxTable + " where received_at_ms < ?", cutoffMillis),
        count(c, "select count(*) from " + runsTable + " where updated_at_ms < ?", cutoffMillis)};
  }

  /** Deletes what {@link #countExpired} counts, consumer by consumer in bounded batches, as each consumer's cleanup. */
  public long[] deleteExpired(Connection c, long cutoffMillis) throws SQLException {
    TreeSet<String> consumers = new TreeSet<>();
    for (String table : new String[] {inboxTable, runsTable}) {
      try (PreparedStatement s = c.prepareStatement("select distinct consumer_id from " + table);
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          consumers.add(r.getString(1));
        }
      }
    }
    long rows = 0;
    long counts = 0;
    for (String consumer : consumers) {
      for (int n = CLEANUP_BATCH; n == CLEANUP_BATCH; rows += n) {
        n = inbox.deleteOlderThan(c, consumer, cutoffMillis, CLEANUP_BATCH);
      }
      for (int n = CLEANUP_BATCH; n == CLEANUP_BATCH; counts += n) {
        n = runs.deleteOlderThan(c, consumer, cutoffMillis, CLEANUP_BATCH);
      }
    }
    return new long[] {rows, counts};
  }

  private static long count(Connection c, String sql, long cutoffMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, cutoffMillis);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
