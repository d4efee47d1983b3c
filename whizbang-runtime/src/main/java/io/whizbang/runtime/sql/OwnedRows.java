package io.whizbang.runtime.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reads and deletes of a table whose rows belong to an owner (a consumer, a projection) and are addressed by an
 * identity column {@code id}: the dead-letter tables. Each table keeps its own insert and updates; the paging,
 * lookup, count and delete by owner are the same for all and live here.
 *
 * @param <T> what a row reads as
 */
public final class OwnedRows<T> {
  /** Reads one row selected as the table's columns. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private final String table;
  private final String owner;
  private final String columns;
  private final RowReader<T> reader;

  /**
   * @param table the table's full name
   * @param ownerColumn the column naming the owner
   * @param columns the select list {@code reader} reads, starting with {@code id}
   */
  public OwnedRows(String table, String ownerColumn, String columns, RowReader<T> reader) {
    this.table = table;
    this.owner = ownerColumn;
    this.columns = columns;
    this.reader = reader;
  }

  /** The owner's rows after {@code afterId}, oldest first, at most {@code limit}. */
  public List<T> list(Connection c, String ownerValue, long afterId, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select " + columns + " from " + table + " where " + owner
        + " = ? and id > ? order by id fetch first ? rows only")) {
      s.setString(1, ownerValue);
      s.setLong(2, afterId);
      s.setInt(3, limit);
      List<T> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(reader.read(r));
        }
      }
      return out;
    }
  }

  public Optional<T> find(Connection c, String ownerValue, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select " + columns + " from " + table + " where " + owner
        + " = ? and id = ?")) {
      s.setString(1, ownerValue);
      s.setLong(2, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(reader.read(r)) : Optional.empty();
      }
    }
  }

  public long count(Connection c, String ownerValue) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where " + owner + " = ?")) {
      s.setString(1, ownerValue);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Deletes the row; false when it was not there (already replayed or deleted). Locks it until the commit. */
  public boolean delete(Connection c, String ownerValue, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("delete from " + table + " where " + owner
        + " = ? and id = ?")) {
      s.setString(1, ownerValue);
      s.setLong(2, id);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Text for a bounded column read by people: at most {@code max} characters (cut with {@code ...}), control
   * characters other than newline and tab written as {@code \u0000} escapes (PostgreSQL text refuses NUL).
   */
  public static String clip(String s, int max) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && out.length() < max; i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 && ch != '\n' && ch != '\t') {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    if (out.length() >= max && s.length() > max) {
      out.setLength(max - 3);
      out.append("...");
    }
    return out.toString();
  }
}
