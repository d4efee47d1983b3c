package io.whizbang.benchmarks.feed;

import io.whizbang.benchmarks.harness.Curve;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.feed.EventFeed;
import io.whizbang.runtime.feed.EventFeedServer;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.projection.ProjectionEngine;
import io.whizbang.runtime.projection.RunningProjection;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Backfill time against history size: a new projection (the {@code ProjectionEngine}: projection inbox and
 * checkpoint in PostgreSQL) backfills the owner's whole history over HTTP from its {@code EventFeedServer}, at
 * 10,000, 100,000 and 1,000,000 stored events, timed from start to live. Linear is the goal: the time per event must
 * not grow with the history. A second series times the HTTP read alone (the {@code BackfillReader} into an in-memory
 * projection), to show where the time goes. Writes {@code backfill-scaling.csv/.png}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.feed.BackfillScaling</pre>
 */
public final class BackfillScaling {
  private BackfillScaling() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int largest = Report.intArg(args, "largest", 1_000_000);
    String owner = Postgres.uniquePrefix("bfowner");
    MessageType<AmountDeposited> type = FeedBenchmark.type();
    Curve seconds = new Curve("backfill-scaling", "Backfill time by history size (PostgreSQL, HTTP feed, 2 cores)",
        "events in the owner's history", "seconds to backfill", false);
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(owner).build();
      storage.migrate();
      EventFeed feed = EventFeed.builder(storage).wireNames(List.of(type.wireName())).build();
      try (EventFeedServer server = EventFeedServer.start(0, feed, FeedServerOptions.defaults())) {
        int filled = 0;
        long total = 0;
        for (int size = 10_000; size <= largest; size *= 10) {
          total += fill(storage, type, filled, size);
          filled = size;
          long start = System.nanoTime();
          FeedBenchmark.http(server, null, type, size, total);
          double readSeconds = (System.nanoTime() - start) / 1e9;
          double engineSeconds = engine(server, type, size, total);
          seconds.add("projection engine (inbox + checkpoint)", size, engineSeconds);
          seconds.add("HTTP read into memory", size, readSeconds);
          Report.info(String.format(Locale.ROOT, "%,d events: engine %.1f s (%,.0f events/s), read alone %.1f s"
              + " (%,.0f events/s)", size, engineSeconds, size / engineSeconds, readSeconds, size / readSeconds));
        }
      }
    } finally {
      Postgres.dropTables(owner);
    }
    seconds.write(Curve.resultsDir(args));
  }

  /** Start to live of a new projection over the whole history; checks every event applied once. */
  private static double engine(EventFeedServer server, MessageType<AmountDeposited> type, int events, long total)
      throws Exception {
    String prefix = Postgres.uniquePrefix("bfproj");
    Balances balances = new Balances();
    try (InMemoryTransport transport = new InMemoryTransport()) {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      ProjectionEngine engine = ProjectionEngine.builder(storage, transport)
          .registerDomain(type.domain(), ProjectionEngine.Source.feed(server.uri())).build();
      long start = System.nanoTime();
      try (RunningProjection projection = engine.start(new Balances_Dispatcher(balances))) {
        if (!projection.awaitLive(Duration.ofMinutes(20))) {
          throw new IllegalStateException("the projection did not reach the head of " + events + " in 20 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (balances.applied != events || balances.total() != total) {
          throw new IllegalStateException("the engine applied " + balances.applied + " events totalling "
              + balances.total() + ", expected " + events + " totalling " + total);
        }
        return seconds;
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  /**
   * Appends events {@code from} to {@code to - 1} in one server-side statement (1,000 accounts, one stream each,
   * versions after the ones already there), as the generated codec writes them; returns the sum of their amounts.
   */
  private static long fill(SqlStorage storage, MessageType<AmountDeposited> type, int from, int to)
      throws SQLException {
    String events = StorageInternals.tables(storage).events();
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("insert into " + events + " (tx_order, stream_id, stream_version, message_id, wire_name, domain,"
          + " partition_key, correlation_id, causation_id, occurred_at, headers, payload)"
          + " select pg_current_xact_id(), 'acc-' || (g % 1000), g / 1000 + 1, gen_random_uuid(), '"
          + type.wireName() + "', '" + type.domain() + "', 'acc-' || (g % 1000), gen_random_uuid(), null, now(),"
          + " '{}', convert_to('{\"account\":\"acc-' || (g % 1000) || '\",\"seq\":' || g || ',\"amount\":'"
          + " || (g % 997) || '}', 'UTF8') from generate_series(" + from + ", " + (to - 1) + ") as g");
      s.execute("analyze " + events);
      try (ResultSet r = s.executeQuery("select coalesce(sum(g % 997), 0) from generate_series(" + from + ", "
          + (to - 1) + ") as g")) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
