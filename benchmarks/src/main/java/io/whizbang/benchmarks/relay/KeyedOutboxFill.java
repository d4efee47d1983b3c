package io.whizbang.benchmarks.relay;

import io.whizbang.benchmarks.harness.SampleMessages;
import io.whizbang.runtime.sql.SqlHeaders;
import io.whizbang.runtime.sql.SqlStorage;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Fills an outbox with unpublished rows over a chosen number of partition keys in one server-side statement (one
 * key's rows in one outbox partition, as the outbox itself places them). Uses only what every runtime version since
 * the relay's failure classification has, so that the harnesses run against older runtimes too.
 */
final class KeyedOutboxFill {
  private KeyedOutboxFill() {}

  static void fill(SqlStorage storage, String domain, int rows, int keys) {
    OutgoingMessage template = SampleMessages.event(domain, domain + ".OrderPlaced", "order-0", 0);
    String sql = "insert into " + storage.tables().outbox() + " (message_id, destination_kind, destination_domain,"
        + " partition_key, partition_no, wire_name, priority, headers, body, created_at_ms)"
        + " select gen_random_uuid(), 'EVENTS', ?, 'order-' || (g % ?), (g % ?) % ?, ?, 0, ?, ?,"
        + " (extract(epoch from clock_timestamp()) * 1000)::bigint from generate_series(1, ?) g";
    try (Connection c = storage.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, domain);
      s.setInt(2, keys);
      s.setInt(3, keys);
      s.setInt(4, storage.outboxPartitions());
      s.setString(5, template.wireName());
      s.setString(6, SqlHeaders.encode(template.headers()));
      s.setBytes(7, template.body());
      s.setInt(8, rows);
      s.executeUpdate();
      try (var analyze = c.createStatement()) {
        analyze.execute("analyze " + storage.tables().outbox());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Filling " + storage.tables().outbox() + " failed", e);
    }
  }
}
