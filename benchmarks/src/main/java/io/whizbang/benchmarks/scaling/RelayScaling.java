package io.whizbang.benchmarks.scaling;

import io.whizbang.benchmarks.harness.Curve;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.storage.OutboxFill;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Relay throughput with 1, 2 and 3 relay instances on one outbox: each run fills a fresh outbox (12 partitions, so
 * every count divides them evenly; {@code --keys} partition keys), starts the relays together on the in-memory
 * transport and times them until every row is published. Each run also checks that every key's messages reached
 * the broker in outbox order, as the partition leases promise. Writes {@code relay-scaling.csv/.png}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.scaling.RelayScaling --rows=200000</pre>
 */
public final class RelayScaling {
  private static final String DOMAIN = "benchscale";
  private static final int PARTITIONS = 12;

  private RelayScaling() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int rows = Report.intArg(args, "rows", 200_000);
    int keys = Report.intArg(args, "keys", 1000);
    int repeats = Report.intArg(args, "repeats", 2);
    Curve curve = new Curve("relay-scaling", String.format(java.util.Locale.ROOT,
        "Relay throughput by relay instances on one outbox (%,d rows, %,d keys, in-memory broker, PostgreSQL,"
        + " 2 cores)", rows, keys), "relay instances", "rows/s", false);
    double one = 0;
    for (int repeat = 0; repeat < repeats; repeat++) {
      for (int relays = 1; relays <= 3; relays++) {
        double rate = run(relays, rows, keys);
        curve.add("run " + (repeat + 1), relays, rate);
        if (relays == 1) {
          one = rate;
        } else {
          Report.ratio(relays + " relays vs 1 relay (run " + (repeat + 1) + ")", rate, one, "rows/s", Double.NaN);
        }
      }
    }
    curve.write(Curve.resultsDir(args));
  }

  private static double run(int relays, int rows, int keys) throws Exception {
    String prefix = Postgres.uniquePrefix("scale" + relays);
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix)
          .outboxPartitions(PARTITIONS).build();
      storage.migrate();
      OutboxFill.fill(storage, DOMAIN, rows, keys);
      Map<String, List<UUID>> expected = outboxOrder(storage);
      try (PublishOrder transport = new PublishOrder(new InMemoryTransport())) {
        List<Relay> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < relays; i++) {
          Relay relay = new Relay(storage, transport, RelayConfig.builder().relayId(prefix + "-" + i).build());
          running.add(relay);
          relay.start();
        }
        long giveUp = start + 600_000_000_000L;
        while (published(running) < rows) {
          if (System.nanoTime() > giveUp) {
            throw new IllegalStateException(relays + " relays published " + published(running) + " of " + rows
                + " rows in 10 minutes");
          }
          Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        running.forEach(Relay::close);
        PublishOrder.Check check = transport.check(expected);
        if (check.keysOutOfOrder() > 0) {
          throw new IllegalStateException(relays + " relays: " + check.keysOutOfOrder() + " of " + check.keys()
              + " keys reached the broker out of outbox order");
        }
        Report.info(String.format(java.util.Locale.ROOT,
            "%d relay(s): %,d rows in %.1f s; per-key order kept for all %,d keys; %,d copies sent twice",
            relays, rows, seconds, check.keys(), check.copies()));
        return rows / seconds;
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static long published(List<Relay> relays) {
    return relays.stream().mapToLong(r -> r.stats().published()).sum();
  }

  /** Each key's message ids in outbox order (the order the relays must keep). */
  private static Map<String, List<UUID>> outboxOrder(SqlStorage storage) throws SQLException {
    Map<String, List<UUID>> order = new HashMap<>();
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select partition_key, message_id from "
            + StorageInternals.tables(storage).outbox() + " order by id")) {
      while (r.next()) {
        order.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getObject(2, UUID.class));
      }
    }
    return order;
  }
}
