package io.whizbang.benchmarks.inbox;

import io.whizbang.benchmarks.harness.Curve;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Delivery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inbox table size and insert cost over {@code --messages} (default 1,000,000) handled messages, with the inbox
 * cleanup running (rows older than {@code --retention-seconds}, default 10, deleted every second) and without it.
 * Each side has its own tables and handles the same messages (100 per transaction, one effect row each, as in
 * {@code InboxThroughput}); they take turns in chunks of a tenth of the run, so load from elsewhere falls on both.
 * After each chunk: the chunk's rate and the inbox table's rows and size. Writes {@code inbox-growth-rate} and
 * {@code inbox-growth-size} (.csv/.png).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.inbox.InboxGrowth</pre>
 */
public final class InboxGrowth {
  private static final int DELIVERY_BATCH = 100;

  private InboxGrowth() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int messages = Report.intArg(args, "messages", 1_000_000);
    int retentionSeconds = Report.intArg(args, "retention-seconds", 10);
    int chunk = messages / 10;
    Curve rate = new Curve("inbox-growth-rate", "Inbox consumer rate as handled messages accumulate (100 per tx)",
        "messages handled", "msg/s over the last " + chunk, false);
    Curve size = new Curve("inbox-growth-size", "Inbox table as handled messages accumulate",
        "messages handled", "inbox table size, MB (rows + indexes)", false);
    Side kept = new Side("inkept", null);
    Side cleaned = new Side("inclean", Duration.ofSeconds(retentionSeconds));
    try {
      for (int done = chunk; done <= messages; done += chunk) {
        boolean keptFirst = done / chunk % 2 == 1;
        for (Side side : keptFirst ? List.of(kept, cleaned) : List.of(cleaned, kept)) {
          double msgPerSecond = side.handle(chunk);
          String name = side.retention == null ? "no cleanup" : "cleanup, " + retentionSeconds + " s retention";
          rate.add(name, done, msgPerSecond);
          size.add(name, done, side.inboxBytes() / 1e6);
          Report.info(String.format(Locale.ROOT, "%s at %,d: %,.0f msg/s; inbox %,d rows, %.1f MB", name, done,
              msgPerSecond, side.inboxRows(), side.inboxBytes() / 1e6));
        }
      }
      rate.write(Curve.resultsDir(args));
      size.write(Curve.resultsDir(args));
    } finally {
      kept.close();
      cleaned.close();
    }
  }

  /** One inbox-guarded consumer on tables of its own, cleaning up or not. */
  private static final class Side implements AutoCloseable {
    final String prefix;
    final Duration retention;
    final SqlStorage storage;
    final InboxConsumer consumer;
    final int[] next = {0};

    Side(String area, Duration retention) throws SQLException {
      this.prefix = Postgres.uniquePrefix(area);
      this.retention = retention;
      this.storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      String effects = StorageInternals.tables(storage).table("effects");
      Postgres.execute(StepEffects.createTableSql(effects));
      InboxConfig.Builder config = InboxConfig.builder().maxBatch(DELIVERY_BATCH);
      if (retention != null) {
        // A retry horizon inside the short retention, as the configuration check requires.
        config.retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(2).initialDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(100)).build())
            .cleanupRetention(retention).cleanup(Duration.ofSeconds(1), 10_000);
      }
      this.consumer = InboxConsumer.builder(storage, area).dispatchers(List.of(
          new StepEffects_Dispatcher(new StepEffects(effects)))).config(config.build()).build();
      if (retention != null) {
        consumer.startCleanup();
      }
    }

    /** Handles {@code count} new messages; their rate. */
    double handle(int count) {
      long start = System.nanoTime();
      for (int handled = 0; handled < count; handled += DELIVERY_BATCH) {
        List<BenchDelivery> batch = new ArrayList<>(DELIVERY_BATCH);
        for (int i = 0; i < DELIVERY_BATCH; i++) {
          int n = next[0]++;
          batch.add(new BenchDelivery(Steps.body(n), Steps.key(n)));
        }
        consumer.handle(new ArrayList<Delivery>(batch));
        for (BenchDelivery d : batch) {
          if (!d.acked) {
            throw new IllegalStateException("a delivery was not acknowledged: " + consumer.stats());
          }
        }
      }
      return count / ((System.nanoTime() - start) / 1e9);
    }

    long inboxRows() throws SQLException {
      return query("select count(*) from " + StorageInternals.tables(storage).table("inbox"));
    }

    long inboxBytes() throws SQLException {
      return query("select pg_total_relation_size('" + StorageInternals.tables(storage).table("inbox") + "')");
    }

    private long query(String sql) throws SQLException {
      try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery(sql)) {
        r.next();
        return r.getLong(1);
      }
    }

    @Override
    public void close() {
      consumer.close();
      Postgres.dropTables(prefix);
    }
  }
}
