package io.whizbang.benchmarks.storage;

import io.whizbang.benchmarks.harness.SampleMessages;
import io.whizbang.runtime.sql.SqlHeaders;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Fills an outbox with unpublished rows in one server-side statement (the same body bytes and headers for every
 * row, a new message id each, keys spread over the partitions), so that relays start on a full table at once.
 */
public final class OutboxFill {
  private OutboxFill() {}

  /**
   * Storage on new tables ({@code bench_<area>_<random>_}, the prefix added to {@code prefixes} for dropping), with
   * an outbox of {@code rows} pending rows of {@code domain}.
   */
  public static SqlStorage inNewTables(java.util.List<String> prefixes, String area, String domain, int rows) {
    String prefix = io.whizbang.benchmarks.harness.Postgres.uniquePrefix(area);
    prefixes.add(prefix);
    SqlStorage storage = SqlStorage.builder(io.whizbang.benchmarks.harness.Postgres.dataSource()).tablePrefix(prefix)
        .build();
    storage.migrate();
    fill(storage, domain, rows);
    return storage;
  }

  public static void fill(SqlStorage storage, String domain, int rows) {
    fill(storage, domain, rows, 1000);
  }

  /**
   * The same over {@code keys} partition keys ({@code order-0} ...), one key's rows in one outbox partition. Uses
   * only what every runtime since the relay's failure classification has, so that the relay harnesses also run
   * against older runtimes ({@code relay-versions.sh}).
   */
  public static void fill(SqlStorage storage, String domain, int rows, int keys) {
    OutgoingMessage template = SampleMessages.event(domain, domain + ".OrderPlaced", "order-0", 0);
    String sql = "insert into " + StorageInternals.tables(storage).outbox() + " (message_id, destination_kind, destination_domain,"
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
        analyze.execute("analyze " + StorageInternals.tables(storage).outbox());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Filling " + StorageInternals.tables(storage).outbox() + " failed", e);
    }
  }
}
