package io.whizbang.runtime.projection;

import io.whizbang.runtime.sql.SqlStorage;
import io.whizbang.runtime.sql.StorageException;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.store.EventCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The projection checkpoints and the projection inbox (applied message ids), both written in the transaction that
 * changes the projection's state, so a crash anywhere leaves the three consistent.
 */
final class ProjectionTables {
  private final SqlStorage storage;
  private final String checkpoints;
  private final String inbox;
  private final String claim;
  private final boolean postgres;

  ProjectionTables(SqlStorage storage) {
    this.storage = storage;
    TableNames t = storage.tables();
    this.checkpoints = t.table("projection_checkpoint");
    this.inbox = t.table("projection_inbox");
    this.postgres = storage.dialect().name().equals("postgresql");
    this.claim = postgres
        ? "insert into " + inbox + " (projection, message_id, applied_at_ms) values (?, ?, ?) on conflict do nothing"
        : "insert into " + inbox + " (projection, message_id, applied_at_ms) select ?, ?, ? where not exists"
            + " (select 1 from " + inbox + " where projection = ? and message_id = ?)";
  }

  /** Creates the tables when missing (idempotent; safe when several instances start together). */
  void ensure() {
    String prefix = storage.tables().prefix();
    String[] ddl = {
        "create table if not exists " + checkpoints + " (projection varchar(200) primary key,"
            + " cursor_token varchar(64) not null, updated_at_ms bigint not null)",
        "create table if not exists " + inbox + " (projection varchar(200) not null, message_id uuid not null,"
            + " applied_at_ms bigint not null, constraint " + prefix + "projection_inbox_pk"
            + " primary key (projection, message_id))"};
    for (int attempt = 1; ; attempt++) {
      try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
        for (String statement : ddl) {
          s.execute(statement);
        }
        return;
      } catch (SQLException e) {
        // Two instances creating the same table at once: PostgreSQL reports a duplicate; the second try sees it.
        if (attempt >= 3) {
          throw new StorageException("Creating the projection tables " + checkpoints + " and " + inbox + " failed", e);
        }
      }
    }
  }

  /** True when {@code messageId} was not yet applied to {@code projection}; it now counts as applied. */
  boolean claim(Connection c, String projection, UUID messageId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(claim)) {
      s.setString(1, projection);
      s.setObject(2, messageId);
      s.setLong(3, System.currentTimeMillis());
      if (!postgres) {
        s.setString(4, projection);
        s.setObject(5, messageId);
      }
      return s.executeUpdate() == 1;
    }
  }

  EventCursor checkpoint(String projection) {
    try (Connection c = storage.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("select cursor_token from " + checkpoints + " where projection = ?")) {
      s.setString(1, projection);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? EventCursor.parse(rows.getString(1)) : null;
      }
    } catch (SQLException e) {
      throw new StorageException("Reading the checkpoint of projection '" + projection + "' failed", e);
    }
  }

  void saveCheckpoint(Connection c, String projection, EventCursor cursor) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "update " + checkpoints + " set cursor_token = ?, updated_at_ms = ? where projection = ?")) {
      update.setString(1, cursor.token());
      update.setLong(2, System.currentTimeMillis());
      update.setString(3, projection);
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement insert = c.prepareStatement(
        "insert into " + checkpoints + " (projection, cursor_token, updated_at_ms) values (?, ?, ?)")) {
      insert.setString(1, projection);
      insert.setString(2, cursor.token());
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  /** Forgets the checkpoint and the applied message ids of {@code projection}, in the caller's transaction. */
  void reset(Connection c, String projection) throws SQLException {
    for (String table : new String[] {checkpoints, inbox}) {
      try (PreparedStatement s = c.prepareStatement("delete from " + table + " where projection = ?")) {
        s.setString(1, projection);
        s.executeUpdate();
      }
    }
  }
}
