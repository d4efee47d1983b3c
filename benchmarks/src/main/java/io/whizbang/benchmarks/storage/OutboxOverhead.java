package io.whizbang.benchmarks.storage;

import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Alternating.Done;
import io.whizbang.benchmarks.harness.JdbcTimes;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.harness.SampleMessages;
import io.whizbang.benchmarks.harness.TimedDataSource;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A business transaction (insert one order row, commit) with and without an outbox insert of one event in the same
 * transaction, 8 clients on their own connections, PostgreSQL. Slices alternate between the arms so that load from
 * elsewhere on the machine hits all alike. No relay runs: this is the cost the outbox adds to the writer. A third
 * variant appends without the PostgreSQL {@code NOTIFY} that wakes relays of other processes.
 *
 * <p>With {@code --profile}, each arm runs on its own {@link TimedDataSource} and the run ends with a table per arm
 * of round trips per transaction and the time of each kind (the client threads are named {@code client-N}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.storage.OutboxOverhead --rounds=4 --slice=2</pre>
 */
public final class OutboxOverhead {
  private static final String DOMAIN = "benchorders";
  private static final int CLIENTS = 8;

  private OutboxOverhead() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    run(Report.intArg(args, "rounds", 4), Report.doubleArg(args, "slice", 2),
        Report.flag(args, "profile"));
  }

  static void run(int rounds, double slice) throws Exception {
    run(rounds, slice, false);
  }

  static void run(int rounds, double slice, boolean profile) throws Exception {
    String prefix = Postgres.uniquePrefix("outboxtps");
    JdbcTimes[] times = {new JdbcTimes(), new JdbcTimes(), new JdbcTimes()};
    try {
      SqlStorage storage = SqlStorage.builder(source(profile, times[0])).tablePrefix(prefix).build();
      storage.migrate();
      SqlStorage alone = SqlStorage.builder(source(profile, times[1])).tablePrefix(prefix).build();
      String orders = StorageInternals.tables(storage).table("orders");
      Postgres.execute("create table " + orders + " (id uuid primary key, customer varchar(100) not null,"
          + " total numeric(12, 2) not null, created_at timestamptz not null default now())");
      Outbox outbox = new Outbox(storage);
      // The same tables without the cross-process NOTIFY, to show what that wake-up costs the writers.
      SqlStorage quiet = SqlStorage.builder(source(profile, times[2])).tablePrefix(prefix)
          .notifyOnCommit(false).build();
      Outbox quietOutbox = new Outbox(quiet);
      long[][] done = new long[3][2];
      double[] r = Alternating.rates("outbox overhead", rounds, slice,
          nanos -> Alternating.addTo(done[0], tps(storage, orders, outbox, nanos)),
          nanos -> Alternating.addTo(done[1], tps(alone, orders, null, nanos)),
          nanos -> Alternating.addTo(done[2], tps(quiet, orders, quietOutbox, nanos)));
      Report.ratio("business tx + outbox insert vs business tx alone, 8 clients", r[0], r[1], "tx/s", 0.85);
      Report.ratio("  same, notifyOnCommit(false)", r[2], r[1], "tx/s", 0.85);
      if (profile) {
        String[] arms = {"business tx + outbox append", "business tx alone", "+ outbox append, notifyOnCommit(false)"};
        for (int arm = 0; arm < 3; arm++) {
          times[arm].print(arms[arm], "client", CLIENTS, done[arm][1], done[arm][0], "tx");
        }
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static DataSource source(boolean profile, JdbcTimes times) {
    return profile ? new TimedDataSource(Postgres.dataSource(), times) : Postgres.dataSource();
  }

  private static Done tps(SqlStorage storage, String orders, Outbox outbox, long nanos) throws Exception {
    String insert = "insert into " + orders + " (id, customer, total) values (?, ?, ?)";
    AtomicLong committed = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(CLIENTS);
    CountDownLatch go = new CountDownLatch(1);
    long[] window = new long[2];
    List<Thread> clients = new ArrayList<>();
    for (int client = 0; client < CLIENTS; client++) {
      int id = client;
      Thread t = new Thread(() -> {
        try (Connection c = storage.dataSource().getConnection();
            PreparedStatement s = c.prepareStatement(insert)) {
          c.setAutoCommit(false);
          ready.countDown();
          go.await();
          long seq = 0;
          while (System.nanoTime() < window[1]) {
            String key = "order-" + id + "-" + seq;
            s.setObject(1, MessageIds.next());
            s.setString(2, "customer-" + (seq % 97));
            s.setBigDecimal(3, BigDecimal.valueOf(seq % 1000, 2));
            s.executeUpdate();
            if (outbox != null) {
              outbox.append(c, List.of(SampleMessages.event(DOMAIN, DOMAIN + ".OrderPlaced", key, seq)));
            }
            c.commit();
            seq++;
            committed.incrementAndGet();
          }
        } catch (SQLException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, "client-" + client);
      t.start();
      clients.add(t);
    }
    ready.await();
    window[0] = System.nanoTime();
    window[1] = window[0] + nanos;
    go.countDown();
    for (Thread t : clients) {
      t.join();
    }
    return Done.since(window[0], committed.get());
  }
}
