package io.whizbang.benchmarks.storage;

import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.SqlStorage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Relay throughput (rows published and marked per second, in-memory transport) against a claim-and-mark loop
 * without a broker on the same database: the same pending-row query and one batched update, nothing else. Both run
 * on a freshly filled outbox of their own for a fixed time, at each batch size.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.storage.RelayThroughput --seconds=5</pre>
 */
public final class RelayThroughput {
  private static final String DOMAIN = "benchorders";

  private RelayThroughput() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    run(Report.intArg(args, "seconds", 5));
  }

  static void run(int seconds) throws Exception {
    double at1 = 0;
    double at100 = 0;
    for (int batch : new int[] {1, 10, 100, 500}) {
      int rows = batch == 1 ? 20_000 : 150_000;
      double baseline = claimAndMark(batch, rows, seconds);
      double relay = relay(batch, rows, seconds);
      Report.ratio("relay rows/s vs claim-and-mark loop, batch " + batch, relay, baseline, "rows/s",
          batch == 100 ? 0.7 : Double.NaN);
      if (batch == 100) {
        double deferred = relay(batch, rows, seconds, RelayConfig.builder().batchSize(batch)
            .publishedRetention(java.time.Duration.ofHours(1)));
        Report.ratio("  same, cleanup deferred (publishedRetention 1 h)", deferred, baseline, "rows/s", 0.7);
      }
      if (batch == 1) {
        at1 = relay;
      } else if (batch == 100) {
        at100 = relay;
      }
    }
    Report.ratio("relay batch 100 vs relay batch 1", at100, at1, "rows/s", 10);
  }

  /** Publishes a filled outbox with a {@link Relay}; rows confirmed and marked per second. */
  static double relay(int batch, int rows, int seconds) throws Exception {
    return relay(batch, rows, seconds, RelayConfig.builder().batchSize(batch));
  }

  static double relay(int batch, int rows, int seconds, RelayConfig.Builder config) throws Exception {
    String prefix = Postgres.uniquePrefix("relay");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      OutboxFill.fill(storage, DOMAIN, rows);
      try (InMemoryTransport transport = new InMemoryTransport();
          Relay relay = new Relay(storage, transport, config.build())) {
        relay.start();
        while (relay.publishedCount() == 0) {
          Thread.sleep(1);
        }
        long start = System.nanoTime();
        long from = relay.publishedCount();
        long deadline = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && relay.publishedCount() < rows) {
          Thread.sleep(5);
        }
        long published = relay.publishedCount() - from;
        double elapsed = (System.nanoTime() - start) / 1e9;
        return published / elapsed;
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  /** The loop a relay cannot beat: claim a batch of pending rows (with their bodies), mark them published. */
  static double claimAndMark(int batch, int rows, int seconds) throws SQLException {
    String prefix = Postgres.uniquePrefix("claim");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      OutboxFill.fill(storage, DOMAIN, rows);
      String outbox = storage.tables().outbox();
      String pending = "select id, partition_no, attempts, next_attempt_at_ms, message_id, destination_kind,"
          + " destination_domain, partition_key, wire_name, priority, headers, body from " + outbox
          + " where published_at_ms is null and partition_no = any(?) order by id fetch first ? rows only";
      String mark = "update " + outbox + " set published_at_ms = ? where id = any(?)";
      Integer[] partitions = IntStream.range(0, storage.outboxPartitions()).boxed().toArray(Integer[]::new);
      try (Connection c = storage.dataSource().getConnection();
          PreparedStatement select = c.prepareStatement(pending);
          PreparedStatement update = c.prepareStatement(mark)) {
        long marked = 0;
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && marked < rows) {
          Array array = c.createArrayOf("INTEGER", partitions);
          select.setArray(1, array);
          select.setInt(2, batch);
          List<Long> ids = new ArrayList<>(batch);
          long bytes = 0;
          try (ResultSet r = select.executeQuery()) {
            while (r.next()) {
              ids.add(r.getLong(1));
              bytes += r.getBytes(12).length + r.getString(11).length();
            }
          }
          if (ids.isEmpty() || bytes == 0) {
            break;
          }
          update.setLong(1, System.currentTimeMillis());
          update.setArray(2, c.createArrayOf("BIGINT", ids.toArray()));
          update.executeUpdate();
          marked += ids.size();
        }
        return marked / ((System.nanoTime() - start) / 1e9);
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }
}
