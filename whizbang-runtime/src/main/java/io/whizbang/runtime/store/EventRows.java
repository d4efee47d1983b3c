package io.whizbang.runtime.store;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.sql.SqlHeaders;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads event rows into {@link StoredEvent}s, for the stream reads and the feed alike. */
final class EventRows {
  static final String COLUMNS = "position, stream_id, stream_version, message_id, wire_name, domain,"
      + " partition_key, correlation_id, causation_id, occurred_at, headers, payload";

  private EventRows() {}

  /** Runs {@code query} and reads its rows (selected as {@link #COLUMNS} and the transaction order). */
  static List<StoredEvent> read(PreparedStatement query, int limit) throws SQLException {
    List<StoredEvent> events = new ArrayList<>(Math.min(limit, 1024));
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        events.add(read(rows));
      }
    }
    return events;
  }

  /** One row selected as {@link #COLUMNS} followed by the transaction order as text. */
  static StoredEvent read(ResultSet rows) throws SQLException {
    long position = rows.getLong(1);
    Envelope envelope = new Envelope(
        rows.getObject(4, UUID.class),
        rows.getString(5),
        rows.getString(6),
        rows.getString(7),
        rows.getObject(8, UUID.class),
        rows.getObject(9, UUID.class),
        rows.getObject(10, OffsetDateTime.class).toInstant(),
        position,
        SqlHeaders.decode(rows.getString(11)),
        rows.getBytes(12));
    EventCursor cursor = new EventCursor(Long.parseLong(rows.getString(13)), position);
    return new StoredEvent(rows.getString(2), rows.getLong(3), cursor, envelope);
  }
}
