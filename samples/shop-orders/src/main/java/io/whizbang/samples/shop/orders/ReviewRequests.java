package io.whizbang.samples.shop.orders;

import io.whizbang.runtime.ScheduledMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The review requests the orders service scheduled: one row per order with the handle of its scheduled
 * {@link RequestReview}, whether it was cancelled, and how often it was delivered.
 */
public final class ReviewRequests {

  private final String table;
  private final Duration delay;

  /** Requests delivered {@code delay} after their order was placed, kept in {@code <prefix>review_requests}. */
  public ReviewRequests(String prefix, Duration delay) {
    this.table = prefix + "review_requests";
    this.delay = delay;
  }

  Duration delay() {
    return delay;
  }

  public void create(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists " + table + " (order_id uuid primary key, message_id uuid not null,"
          + " due_at_ms bigint not null, cancelled boolean not null, delivered int not null)");
    }
  }

  void scheduled(Connection c, UUID orderId, ScheduledMessage handle) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into " + table
        + " (order_id, message_id, due_at_ms, cancelled, delivered) values (?, ?, ?, false, 0)")) {
      s.setObject(1, orderId);
      s.setObject(2, handle.messageId());
      s.setLong(3, handle.dueAt().toEpochMilli());
      s.executeUpdate();
    }
  }

  /** The handle of the order's request, or null when none was scheduled. */
  ScheduledMessage of(Connection c, UUID orderId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select message_id, due_at_ms from " + table
        + " where order_id = ?")) {
      s.setObject(1, orderId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? new ScheduledMessage(r.getObject(1, UUID.class), Instant.ofEpochMilli(r.getLong(2))) : null;
      }
    }
  }

  void cancelled(Connection c, UUID orderId) throws SQLException {
    update(c, "cancelled = true", orderId);
  }

  void delivered(Connection c, UUID orderId) throws SQLException {
    update(c, "delivered = delivered + 1", orderId);
  }

  private void update(Connection c, String set, UUID orderId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("update " + table + " set " + set + " where order_id = ?")) {
      s.setObject(1, orderId);
      s.executeUpdate();
    }
  }

  /** What happened to the requests: scheduled, cancelled, delivered once, and delivered although cancelled or twice. */
  public record Counts(long scheduled, long cancelled, long delivered, long wrong) {}

  public Counts counts(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "select count(*), sum(case when cancelled then 1 else 0 end), sum(case when delivered = 1 then 1 else 0 end),"
            + " sum(case when delivered > 1 or (cancelled and delivered > 0) then 1 else 0 end) from " + table)) {
      r.next();
      return new Counts(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
    }
  }
}
