package io.whizbang.runtime.projection;

import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import io.whizbang.runtime.store.EventCursor;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The projection checkpoints and the projection inbox (applied message ids), both written in the transaction that
 * changes the projection's state, so a crash anywhere leaves the three consistent; and the projection dead letters
 * ({@link DeadLetterTable}), written with the parked event's applied id.
 */
final class ProjectionTables {
  private final SqlStorage storage;
  private final String checkpoints;
  private final String inbox;
  private final String claim;
  /** PostgreSQL only: claims a whole page in one statement (one round trip instead of one per event). */
  private final String claimMany;
  private final boolean postgres;
  private final DeadLetterTable deadLetters;

  ProjectionTables(SqlStorage storage) {
    this.storage = storage;
    TableNames t = StorageInternals.tables(storage);
    this.checkpoints = t.table("projection_checkpoint");
    this.inbox = t.table("projection_inbox");
    this.postgres = StorageInternals.dialect(storage).name().equals("postgresql");
    this.deadLetters = new DeadLetterTable(t);
    this.claim = postgres
        ? "insert into " + inbox + " (projection, message_id, applied_at_ms, cursor_tx, cursor_pos)"
            + " values (?, ?, ?, ?, ?) on conflict do nothing"
        : "insert into " + inbox + " (projection, message_id, applied_at_ms, cursor_tx, cursor_pos)"
            + " select ?, ?, ?, ?, ? where not exists"
            + " (select 1 from " + inbox + " where projection = ? and message_id = ?)";
    this.claimMany = postgres
        ? "insert into " + inbox + " (projection, message_id, applied_at_ms, cursor_tx, cursor_pos)"
            + " select ?, m.id, ?, m.tx, m.pos from unnest(?, ?, ?) with ordinality as m(id, tx, pos, n)"
            + " order by m.n on conflict do nothing returning message_id"
        : null;
  }

  /** Creates the tables when missing (idempotent; safe when several instances start together). */
  void ensure() {
    String prefix = StorageInternals.tables(storage).prefix();
    List<String> ddl = new ArrayList<>(List.of(
        "create table if not exists " + checkpoints + " (projection varchar(200) primary key,"
            + " cursor_token varchar(64) not null, updated_at_ms bigint not null)",
        "create table if not exists " + inbox + " (projection varchar(200) not null, message_id uuid not null,"
            + " applied_at_ms bigint not null, constraint " + prefix + "projection_inbox_pk"
            + " primary key (projection, message_id))",
        // Where each applied event sits in the source's feed (null when unknown: a live event published without
        // its cursor, or a row written by an earlier version): lets live progress move the checkpoint.
        "alter table " + inbox + " add column if not exists cursor_tx bigint",
        "alter table " + inbox + " add column if not exists cursor_pos bigint"));
    ddl.addAll(deadLetters.ddl(StorageInternals.dialect(storage)));
    for (int attempt = 1; ; attempt++) {
      try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
        for (String statement : ddl) {
          s.execute(statement);
        }
        return;
      } catch (SQLException e) {
        // Two instances creating the same table at once: PostgreSQL reports a duplicate; the second try sees it.
        if (attempt >= 3) {
          throw new StorageException("Creating the projection tables " + checkpoints + ", " + inbox + " and "
              + deadLetters.name() + " failed", e);
        }
      }
    }
  }

  DeadLetterTable deadLetters() {
    return deadLetters;
  }

  /** True when {@code messageId} was not yet applied to {@code projection}; it now counts as applied. */
  boolean claim(Connection c, String projection, UUID messageId, EventCursor cursor) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(claim)) {
      s.setString(1, projection);
      s.setObject(2, messageId);
      s.setLong(3, System.currentTimeMillis());
      if (cursor == null) {
        s.setNull(4, java.sql.Types.BIGINT);
        s.setNull(5, java.sql.Types.BIGINT);
      } else {
        s.setLong(4, cursor.txOrder());
        s.setLong(5, cursor.position());
      }
      if (!postgres) {
        s.setString(6, projection);
        s.setObject(7, messageId);
      }
      return s.executeUpdate() == 1;
    }
  }

  /**
   * {@link #claim} for several events in the caller's transaction: element {@code k} of the result is true when
   * {@code messageIds[k]} was not yet applied (nor earlier in the same list) and now counts as applied.
   *
   * @param cursors each event's feed cursor, or null elements where unknown
   */
  boolean[] claimAll(Connection c, String projection, List<UUID> messageIds, List<EventCursor> cursors)
      throws SQLException {
    boolean[] fresh = new boolean[messageIds.size()];
    if (claimMany == null) {
      for (int k = 0; k < fresh.length; k++) {
        fresh[k] = claim(c, projection, messageIds.get(k), cursors.get(k));
      }
      return fresh;
    }
    Long[] txs = new Long[fresh.length];
    Long[] positions = new Long[fresh.length];
    for (int k = 0; k < fresh.length; k++) {
      EventCursor cursor = cursors.get(k);
      txs[k] = cursor == null ? null : cursor.txOrder();
      positions[k] = cursor == null ? null : cursor.position();
    }
    Set<UUID> inserted = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(claimMany)) {
      Array ids = c.createArrayOf("uuid", messageIds.toArray());
      Array txArray = c.createArrayOf("bigint", txs);
      Array positionArray = c.createArrayOf("bigint", positions);
      s.setString(1, projection);
      s.setLong(2, System.currentTimeMillis());
      s.setArray(3, ids);
      s.setArray(4, txArray);
      s.setArray(5, positionArray);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          inserted.add(rows.getObject(1, UUID.class));
        }
      }
      ids.free();
      txArray.free();
      positionArray.free();
    }
    for (int k = 0; k < fresh.length; k++) {
      fresh[k] = inserted.remove(messageIds.get(k));   // a second occurrence of an id is a duplicate of the first
    }
    return fresh;
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

  /** {@link #saveCheckpoint(Connection, String, EventCursor)} in a transaction of its own. */
  void saveCheckpoint(String projection, EventCursor cursor) {
    storage.inTransaction(tx -> {
      saveCheckpoint(tx.connection(), projection, cursor);
      return null;
    });
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

  /** The feed cursors of the events applied after {@code after}, in feed order (the live events, after a restart). */
  List<EventCursor> appliedAfter(String projection, EventCursor after) {
    String sql = "select cursor_tx, cursor_pos from " + inbox + " where projection = ? and cursor_tx is not null"
        + " and (cursor_tx > ? or (cursor_tx = ? and cursor_pos > ?)) order by cursor_tx, cursor_pos";
    try (Connection c = storage.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, projection);
      s.setLong(2, after.txOrder());
      s.setLong(3, after.txOrder());
      s.setLong(4, after.position());
      List<EventCursor> cursors = new ArrayList<>();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          cursors.add(new EventCursor(rows.getLong(1), rows.getLong(2)));
        }
      }
      return cursors;
    } catch (SQLException e) {
      throw new StorageException("Reading the applied events of projection '" + projection + "' failed", e);
    }
  }

  /**
   * Deletes applied ids older than {@code cutoffMillis} whose feed cursor is at or before {@code checkpoint} (the
   * backfill never reads those again), at most {@code batch} per statement; returns how many.
   */
  long prune(String projection, EventCursor checkpoint, long cutoffMillis, int batch) {
    String where = "projection = ? and applied_at_ms < ? and cursor_tx is not null"
        + " and (cursor_tx < ? or (cursor_tx = ? and cursor_pos <= ?))";
    // The projection inbox has no id column, so not the dialect's bounded delete; same shape, keyed by its primary key.
    String sql = postgres
        ? "delete from " + inbox + " where (projection, message_id) in (select projection, message_id from " + inbox
            + " where " + where + " fetch first ? rows only)"
        : "delete from " + inbox + " where " + where + " fetch first ? rows only";
    long total = 0;
    try (Connection c = storage.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      c.setAutoCommit(true);
      while (true) {
        s.setString(1, projection);
        s.setLong(2, cutoffMillis);
        s.setLong(3, checkpoint.txOrder());
        s.setLong(4, checkpoint.txOrder());
        s.setLong(5, checkpoint.position());
        s.setInt(6, batch);
        int n = s.executeUpdate();
        total += n;
        if (n < batch) {
          return total;
        }
      }
    } catch (SQLException e) {
      throw new StorageException("Pruning the applied ids of projection '" + projection + "' failed", e);
    }
  }

  /**
   * Forgets the checkpoint, the applied message ids and the dead letters of {@code projection}, in the caller's
   * transaction: the next start reads the whole history again, and parks again what it still cannot decode.
   */
  void reset(Connection c, String projection) throws SQLException {
    for (String table : new String[] {checkpoints, inbox}) {
      try (PreparedStatement s = c.prepareStatement("delete from " + table + " where projection = ?")) {
        s.setString(1, projection);
        s.executeUpdate();
      }
    }
    deadLetters.deleteAll(c, projection);
  }
}
