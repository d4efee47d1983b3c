package io.whizbang.runtime.internal.ops;

import io.whizbang.runtime.Operations.DestinationBacklog;
import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.transport.Destination;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outbox as an operator sees it: the backlog per destination (pending, scheduled, parked), and the cleanup of
 * published rows.
 */
public final class OutboxQueries {
  private static final int CLEANUP_BATCH = 1000;

  private final String backlog;
  private final String scheduled;
  private final String parked;
  private final String countPublished;
  private final String deletePublished;

  public OutboxQueries(SqlDialect dialect, TableNames t) {
    String now = dialect.nowMillis();
    // The database's clock, the one created_at_ms was written with (as the service's health backlog reads it).
    this.backlog = "select destination_kind, destination_domain, count(*), sum(case when attempts > 0 then 1 else 0"
        + " end), " + now + " - min(created_at_ms) from " + t.outbox() + " where published_at_ms is null"
        + " group by destination_kind, destination_domain";
    this.scheduled = "select destination_kind, destination_domain, count(*) from " + t.outboxScheduled()
        + " group by destination_kind, destination_domain";
    this.parked = "select destination_kind, destination_domain, count(*) from " + t.outboxDeadLetters()
        + " group by destination_kind, destination_domain";
    String published = "published_at_ms is not null and published_at_ms <= " + now + " - ?";
    this.countPublished = "select count(*) from " + t.outbox() + " where " + published;
    this.deletePublished = dialect.boundedDelete(t.outbox(), published);
  }

  /** Pending rows, scheduled messages and dead letters per destination, by destination name. */
  public List<DestinationBacklog> backlog(Connection c) throws SQLException {
    Map<String, Counts> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement(backlog); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        Counts d = out.computeIfAbsent(name(r), n -> new Counts());
        d.pending = r.getLong(3);
        d.retrying = r.getLong(4);
        d.oldestMillis = Math.max(0, r.getLong(5));
      }
    }
    try (PreparedStatement s = c.prepareStatement(scheduled); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.computeIfAbsent(name(r), n -> new Counts()).scheduled = r.getLong(3);
      }
    }
    try (PreparedStatement s = c.prepareStatement(parked); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.computeIfAbsent(name(r), n -> new Counts()).deadLetters = r.getLong(3);
      }
    }
    List<DestinationBacklog> backlogs = new ArrayList<>(out.size());
    out.forEach((name, d) -> backlogs.add(new DestinationBacklog(name, d.pending, d.retrying,
        Duration.ofMillis(d.oldestMillis), d.scheduled, d.deadLetters)));
    return backlogs;
  }

  /** One destination's counts while the three tables are read. */
  private static final class Counts {
    long pending;
    long retrying;
    long oldestMillis;
    long scheduled;
    long deadLetters;
  }

  public long countPublished(Connection c, long retentionMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(countPublished)) {
      s.setLong(1, retentionMillis);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Deletes the published rows older than the retention in bounded batches (each its own statement). */
  public long deletePublished(Connection c, long retentionMillis) throws SQLException {
    long total = 0;
    try (PreparedStatement s = c.prepareStatement(deletePublished)) {
      int n;
      do {
        s.setLong(1, retentionMillis);
        s.setInt(2, CLEANUP_BATCH);
        n = s.executeUpdate();
        total += n;
      } while (n == CLEANUP_BATCH);
    }
    return total;
  }

  private static String name(ResultSet r) throws SQLException {
    return new Destination(Destination.Kind.valueOf(r.getString(1)), r.getString(2)).conventionalName();
  }
}
