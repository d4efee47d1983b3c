package io.whizbang.runtime.outbox;

import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * How far the relays are behind: the unpublished outbox rows and the age of the oldest, by the database's clock (the
 * clock {@code created_at_ms} was written with), for the service's health.
 */
public final class OutboxBacklog {
  private final SqlStorage storage;
  private final String query;

  /** What {@link #read()} found. */
  public record Backlog(long pending, Duration oldest) {}

  public OutboxBacklog(SqlStorage storage) {
    this.storage = storage;
    SqlDialect dialect = StorageInternals.dialect(storage);
    // Reads the partial index of unpublished rows on PostgreSQL ("outbox_pending"), so it stays cheap however many
    // published rows wait for cleanup.
    this.query = "select count(*), " + dialect.nowMillis() + " - min(created_at_ms) from "
        + StorageInternals.tables(storage).outbox() + " where published_at_ms is null";
  }

  /** The backlog now; {@code oldest} is {@link Duration#ZERO} when nothing is pending. */
  public Backlog read() throws SQLException {
    try (Connection c = storage.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(query);
        ResultSet r = s.executeQuery()) {
      r.next();
      long pending = r.getLong(1);
      long oldestMillis = r.getLong(2);                // null (no rows) reads as 0
      return new Backlog(pending, Duration.ofMillis(Math.max(0, oldestMillis)));
    }
  }
}
