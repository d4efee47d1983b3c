package io.whizbang.runtime.store;

import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The event feed's queries for {@link EventStore}: pages in feed order, pages from an instant, counts. Every one is
 * gap-safe ({@link SqlDialect#committedFence()}) and binds its cursor and wire names as parameters.
 */
final class FeedQueries {
  private final SqlDialect dialect;
  private final TableNames tables;

  FeedQueries(SqlDialect dialect, TableNames tables) {
    this.dialect = dialect;
    this.tables = tables;
  }

  /** {@link EventStore#readAll(Connection, EventCursor, Collection, int)}. */
  EventStore.Page page(Connection connection, EventCursor after, Collection<String> wireNames, int limit) {
    Objects.requireNonNull(after, "after");
    requirePageLimit(limit);
    List<String> names = wireNameList(wireNames);
    try (PreparedStatement query = connection.prepareStatement(pageQuery(names.size()))) {
      int i = 1;
      query.setString(i++, Long.toString(after.txOrder()));
      query.setLong(i++, after.position());
      for (String name : names) {
        query.setString(i++, name);
      }
      query.setInt(i, limit);
      List<StoredEvent> events = EventRows.read(query, limit);
      EventCursor next = events.isEmpty() ? after : events.get(events.size() - 1).cursor();
      return new EventStore.Page(events, next, events.size() < limit);
    } catch (SQLException e) {
      throw new StorageException("Reading the event feed of " + tables.events() + " failed", e);
    }
  }

  /** {@link EventStore#count}. */
  long count(Connection connection, EventCursor after, EventCursor upTo, Collection<String> wireNames,
      Instant from) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(upTo, "upTo");
    List<String> names = wireNameList(wireNames);
    StringBuilder sql = new StringBuilder("select count(*) from ").append(tables.events()).append(" e where ")
        .append(dialect.afterCursor()).append(" and not (").append(dialect.afterCursor()).append(") and ")
        .append(dialect.committedFence());
    if (!names.isEmpty()) {
      sql.append(" and e.wire_name in (").append("?, ".repeat(names.size() - 1)).append("?)");
    }
    if (from != null) {
      sql.append(" and e.occurred_at >= ?");
    }
    try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
      int i = 1;
      query.setString(i++, Long.toString(after.txOrder()));
      query.setLong(i++, after.position());
      query.setString(i++, Long.toString(upTo.txOrder()));
      query.setLong(i++, upTo.position());
      for (String name : names) {
        query.setString(i++, name);
      }
      if (from != null) {
        query.setObject(i, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new StorageException("Counting events of " + tables.events() + " failed", e);
    }
  }

  /** {@link EventStore#readAll(Connection, EventCursor, Collection, int, Instant)} with a {@code from}. */
  EventStore.Page pageFrom(Connection connection, EventCursor after, Collection<String> wireNames, int limit,
      Instant from) {
    Objects.requireNonNull(after, "after");
    requirePageLimit(limit);
    List<String> names = wireNameList(wireNames);
    try {
      EventCursor bound = windowEnd(connection, after, names, limit);
      StringBuilder sql = new StringBuilder("select ").append(EventRows.COLUMNS).append(", ").append(dialect.txOrderAsNumber())
          .append(" from ").append(tables.events()).append(" e where ").append(dialect.afterCursor())
          .append(" and ").append(dialect.committedFence()).append(" and e.occurred_at >= ?");
      if (bound != null) {
        sql.append(" and not (").append(dialect.afterCursor()).append(")");
      }
      if (!names.isEmpty()) {
        sql.append(" and e.wire_name in (").append("?, ".repeat(names.size() - 1)).append("?)");
      }
      sql.append(" order by e.tx_order, e.position fetch first ? rows only");
      try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
        int i = 1;
        query.setString(i++, Long.toString(after.txOrder()));
        query.setLong(i++, after.position());
        query.setObject(i++, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        if (bound != null) {
          query.setString(i++, Long.toString(bound.txOrder()));
          query.setLong(i++, bound.position());
        }
        for (String name : names) {
          query.setString(i++, name);
        }
        query.setInt(i, limit);
        List<StoredEvent> events = EventRows.read(query, limit);
        if (bound != null) {
          return new EventStore.Page(events, bound, false);
        }
        EventCursor next = events.isEmpty() ? after : events.get(events.size() - 1).cursor();
        return new EventStore.Page(events, next, true);
      }
    } catch (SQLException e) {
      throw new StorageException("Reading the event feed of " + tables.events() + " failed", e);
    }
  }

  /** The cursor of the {@code limit}-th visible event after {@code after}, or null when fewer remain. */
  private EventCursor windowEnd(Connection connection, EventCursor after, List<String> names, int limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder("select e.position, ").append(dialect.txOrderAsNumber()).append(" from ")
        .append(tables.events()).append(" e where ").append(dialect.afterCursor()).append(" and ")
        .append(dialect.committedFence());
    if (!names.isEmpty()) {
      sql.append(" and e.wire_name in (").append("?, ".repeat(names.size() - 1)).append("?)");
    }
    sql.append(" order by e.tx_order, e.position offset ? rows fetch first 1 rows only");
    try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
      int i = 1;
      query.setString(i++, Long.toString(after.txOrder()));
      query.setLong(i++, after.position());
      for (String name : names) {
        query.setString(i++, name);
      }
      query.setInt(i, limit - 1);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? new EventCursor(Long.parseLong(rows.getString(2)), rows.getLong(1)) : null;
      }
    }
  }

  /**
   * The feed page query. Both the cursor condition and the order are on the {@code tx_order} column itself (the
   * table alias keeps {@code order by} off the select list's text cast), and the cursor condition is an index range
   * ({@link SqlDialect#afterCursor()}), so a page costs the same however large the store grows.
   */
  String pageQuery(int wireNameCount) {
    StringBuilder sql = new StringBuilder("select ").append(EventRows.COLUMNS).append(", ").append(dialect.txOrderAsNumber())
        .append(" from ").append(tables.events()).append(" e where ").append(dialect.afterCursor())
        .append(" and ").append(dialect.committedFence());
    if (wireNameCount > 0) {
      sql.append(" and e.wire_name in (").append("?, ".repeat(wireNameCount - 1)).append("?)");
    }
    return sql.append(" order by e.tx_order, e.position fetch first ? rows only").toString();
  }

  private static void requirePageLimit(int limit) {
    if (limit < 1 || limit > EventStore.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + EventStore.MAX_PAGE + ", was " + limit);
    }
  }

  /** The wire-name filter as a list (empty: all), at most {@link EventStore#MAX_WIRE_NAMES}. */
  private static List<String> wireNameList(Collection<String> wireNames) {
    List<String> names = wireNames == null ? List.of() : List.copyOf(wireNames);
    if (names.size() > EventStore.MAX_WIRE_NAMES) {
      throw new IllegalArgumentException("At most " + EventStore.MAX_WIRE_NAMES + " wire names per read, got " + names.size());
    }
    return names;
  }
}
