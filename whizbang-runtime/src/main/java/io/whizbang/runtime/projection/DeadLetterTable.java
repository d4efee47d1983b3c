package io.whizbang.runtime.projection;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.sql.OwnedRows;
import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.TableNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The projection dead-letter table's statements. Created with the other projection tables by
 * {@link ProjectionTables#ensure()} (the projection engine creates its own tables, without the schema migrations).
 */
final class DeadLetterTable {
  private static final int MAX_REASON = 2000;
  private static final String COLUMNS =
      "id, projection, message_id, wire_name, partition_key, cursor_token, reason, body, parked_at_ms";

  private final String table;
  private final String prefix;
  private final OwnedRows<DeadLetter> rows;

  DeadLetterTable(TableNames tables) {
    this.table = tables.table("projection_dead_letter");
    this.prefix = tables.prefix();
    this.rows = new OwnedRows<>(table, "projection", COLUMNS, DeadLetterTable::read);
  }

  List<String> ddl(SqlDialect d) {
    return List.of(
        "create table if not exists " + table + " (" + d.identityColumn("id") + ", projection varchar(200) not null,"
            + " message_id uuid not null, wire_name varchar(200), partition_key varchar(200),"
            + " cursor_token varchar(64), reason varchar(" + MAX_REASON + ") not null, body " + d.bytesType()
            + " not null, parked_at_ms bigint not null)",
        "create index if not exists " + prefix + "projection_dead_letter_by_projection on " + table
            + " (projection, id)");
  }

  String name() {
    return table;
  }

  /** Reads and deletes by projection and id. */
  OwnedRows<DeadLetter> rows() {
    return rows;
  }

  void insert(Connection c, String projection, UUID messageId, String wireName, String partitionKey, String cursor,
      String reason, byte[] body) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into " + table + " (projection, message_id, wire_name,"
        + " partition_key, cursor_token, reason, body, parked_at_ms) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, projection);
      s.setObject(2, messageId);
      s.setString(3, OwnedRows.clip(wireName, 200));
      s.setString(4, OwnedRows.clip(partitionKey, 200));
      s.setString(5, cursor);
      s.setString(6, OwnedRows.clip(reason, MAX_REASON));
      s.setBytes(7, body);
      s.setLong(8, System.currentTimeMillis());
      s.executeUpdate();
    }
  }

  void updateReason(Connection c, String projection, long id, String reason) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("update " + table + " set reason = ? where projection = ? and id = ?")) {
      s.setString(1, OwnedRows.clip(reason, MAX_REASON));
      s.setString(2, projection);
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  void deleteAll(Connection c, String projection) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("delete from " + table + " where projection = ?")) {
      s.setString(1, projection);
      s.executeUpdate();
    }
  }

  /** A parked event was tried once: it cannot be decoded, so it is parked at the first attempt. */
  private static DeadLetter read(ResultSet r) throws SQLException {
    return new DeadLetter(DeadLetter.Source.PROJECTION, r.getString(2), r.getLong(1), r.getObject(3, UUID.class),
        r.getString(4), r.getString(5), r.getString(7), null, r.getString(6), r.getBytes(8), 1,
        Instant.ofEpochMilli(r.getLong(9)));
  }
}
