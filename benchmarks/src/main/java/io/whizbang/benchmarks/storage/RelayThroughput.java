package io.whizbang.benchmarks.storage;

import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Alternating.Done;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Relay throughput (rows published and marked per second, in-memory transport) against a claim-and-mark loop
 * without a broker on the same database: the same pending-row query and one batched update, nothing else. Each side
 * works on a filled outbox of its own; they run in alternating slices, at each batch size. At batch 100 a third arm
 * runs the relay with cleanup deferred (published rows kept for an hour), to show what the cleanup costs.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.storage.RelayThroughput --rounds=4 --slice=1.5</pre>
 */
public final class RelayThroughput {
  private static final String DOMAIN = "benchorders";

  private RelayThroughput() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    run(Report.intArg(args, "rounds", 4), Report.doubleArg(args, "slice", 1.5));
  }

  static void run(int rounds, double slice) throws Exception {
    double at1 = 0;
    double at100 = 0;
    List<String> prefixes = new ArrayList<>();
    try {
      for (int batch : new int[] {1, 10, 100, 500}) {
        int rows = batch == 1 ? 20_000 : batch == 10 ? 200_000 : 800_000;   // 6 s of the fastest loop seen
        SqlStorage relayTables = filled(prefixes, "relay", rows);
        SqlStorage loopTables = filled(prefixes, "claim", rows);
        List<Alternating.Slice> arms = new ArrayList<>();
        arms.add(nanos -> relay(relayTables, RelayConfig.builder().batchSize(batch), nanos));
        arms.add(nanos -> claimAndMark(loopTables, batch, nanos));
        if (batch == 100) {
          SqlStorage deferredTables = filled(prefixes, "relaykeep", rows);
          arms.add(nanos -> relay(deferredTables, RelayConfig.builder().batchSize(batch)
              .publishedRetention(Duration.ofHours(1)), nanos));
        }
        double[] r = Alternating.rates("relay batch " + batch, rounds, slice, arms.toArray(Alternating.Slice[]::new));
        Report.ratio("relay rows/s vs claim-and-mark loop, batch " + batch, r[0], r[1], "rows/s",
            batch == 100 ? 0.7 : Double.NaN);
        if (batch == 100) {
          Report.ratio("  same, cleanup deferred (publishedRetention 1 h)", r[2], r[1], "rows/s", Double.NaN);
        }
        if (batch == 1) {
          at1 = r[0];
        } else if (batch == 100) {
          at100 = r[0];
        }
      }
      Report.ratio("relay batch 100 vs relay batch 1", at100, at1, "rows/s", 10);
    } finally {
      prefixes.forEach(Postgres::dropTables);
    }
  }

  private static SqlStorage filled(List<String> prefixes, String area, int rows) {
    return OutboxFill.inNewTables(prefixes, area, DOMAIN, rows);
  }

  /** A relay started for one slice; its window opens at its first published batch. */
  static Done relay(SqlStorage storage, RelayConfig.Builder config, long nanos) throws Exception {
    try (InMemoryTransport transport = new InMemoryTransport();
        Relay relay = new Relay(storage, transport, config.build())) {
      return publishedFor(relay, nanos);
    }
  }

  /** Starts {@code relay} and counts the rows it publishes in {@code nanos} from its first published batch. */
  public static Done publishedFor(Relay relay, long nanos) throws InterruptedException {
    relay.start();
    long giveUp = System.nanoTime() + 30_000_000_000L;
    while (relay.stats().published() == 0) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException("the relay published nothing in 30 s");
      }
      Thread.sleep(1);
    }
    long start = System.nanoTime();
    long from = relay.stats().published();
    while (System.nanoTime() - start < nanos) {
      Thread.sleep(2);
    }
    return Done.since(start, relay.stats().published() - from);
  }

  /** The loop a relay cannot beat: claim a batch of pending rows (with their bodies), mark them published. */
  static Done claimAndMark(SqlStorage storage, int batch, long nanos) throws SQLException {
    String outbox = StorageInternals.tables(storage).outbox();
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
      while (System.nanoTime() - start < nanos) {
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
          throw new IllegalStateException("the outbox ran empty: fill it with more rows");
        }
        update.setLong(1, System.currentTimeMillis());
        update.setArray(2, c.createArrayOf("BIGINT", ids.toArray()));
        update.executeUpdate();
        marked += ids.size();
      }
      return Done.since(start, marked);
    }
  }
}
