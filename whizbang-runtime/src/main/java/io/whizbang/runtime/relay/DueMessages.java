package io.whizbang.runtime.relay;

import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.TableNames;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the scheduled messages that are due (by the database's clock) from the outbox's schedule into the outbox,
 * for the partitions a relay leases: in due-time order (then scheduling order), in one transaction, the rows deleted
 * from the schedule in one batch and inserted into the outbox in another. A moved message takes its place in its
 * key's order at that moment: after the messages of its key written before, before those written after. A row a
 * concurrent cancel deleted first (its delete counted 0) is skipped, so a cancel that returned true always wins.
 */
final class DueMessages {
  private static final String COLUMNS = "message_id, destination_kind, destination_domain, partition_key,"
      + " partition_no, wire_name, priority, headers, body";

  private final String due;
  private final String delete;
  private final String insert;

  DueMessages(SqlDialect dialect, TableNames t) {
    this.due = "select id, " + COLUMNS + " from " + t.outboxScheduled()
        + " where partition_no = any(?) and due_at_ms <= " + dialect.nowMillis()
        + " order by due_at_ms, id fetch first ? rows only";
    this.delete = "delete from " + t.outboxScheduled() + " where id = ?";
    this.insert = "insert into " + t.outbox() + " (" + COLUMNS + ", created_at_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        + dialect.nowMillis() + ")";
  }

  /** Moves up to {@code limit} due messages of {@code partitions}; returns how many were moved. */
  int move(Connection c, List<Integer> partitions, int limit) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      int moved = moveInTransaction(c, partitions, limit);
      c.commit();
      return moved;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private int moveInTransaction(Connection c, List<Integer> partitions, int limit) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(due)) {
      Array array = c.createArrayOf("INTEGER", partitions.toArray());
      s.setArray(1, array);
      s.setInt(2, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Object[] row = new Object[10];
          for (int i = 0; i < row.length; i++) {
            row[i] = r.getObject(i + 1);
          }
          rows.add(row);
        }
      }
      array.free();
    }
    if (rows.isEmpty()) {
      return 0;
    }
    int[] deleted;
    try (PreparedStatement d = c.prepareStatement(delete)) {
      for (Object[] row : rows) {
        d.setObject(1, row[0]);
        d.addBatch();
      }
      deleted = d.executeBatch();                    // one round trip; a count per row (H2, PostgreSQL)
    }
    int moved = 0;
    try (PreparedStatement i = c.prepareStatement(insert)) {
      for (int r = 0; r < rows.size(); r++) {
        if (deleted[r] == 0) {
          continue;                                  // cancelled meanwhile
        }
        Object[] row = rows.get(r);
        for (int k = 1; k < row.length; k++) {
          i.setObject(k, row[k]);
        }
        i.addBatch();
        moved++;
      }
      if (moved > 0) {
        i.executeBatch();
      }
    }
    return moved;
  }
}
