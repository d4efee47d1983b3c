package io.whizbang.benchmarks.axon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.whizbang.benchmarks.harness.JdbcTimes;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.harness.TimedDataSource;
import io.whizbang.runtime.projection.RunningProjection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Where a live event of the Whizbang side of {@link AxonComparison} spends its time between its commit and its
 * handler: each event is stamped at the commit, when the relay hands it to the transport, when the transport
 * confirms it, when the transport hands it to the projection, and in the handler. Prints p50/p99/max per stage, and
 * for each cluster of late events what else ran at the same time: the database calls of every thread group (relay
 * cleanup and lease renewal, checkpoint moves and their feed counts, the commit notifier) and GC pauses. Open loop,
 * one event per transaction at {@code --rate} per second for {@code --seconds}.
 *
 * <pre>java -Xlog:gc -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.axon.LiveTailStages --rate=200
 *     --seconds=20 --late-ms=50</pre>
 */
public final class LiveTailStages {
  private LiveTailStages() {}

  /** One database call of any thread, for the clusters' coincidences. */
  record Call(String threads, String kind, long startNanos, long nanos) {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int rate = Report.intArg(args, "rate", 200);
    double seconds = Report.doubleArg(args, "seconds", 20);
    double lateMillis = Report.doubleArg(args, "late-ms", 50);
    int stored = Report.intArg(args, "events", 1000);
    JdbcTimes times = new JdbcTimes();
    List<Call> calls = new CopyOnWriteArrayList<>();
    GcPauses gc = new GcPauses();
    String prefix = Postgres.uniquePrefix("tail");
    StageTimingTransport[] transport = new StageTimingTransport[1];
    HikariConfig config = new HikariConfig();
    config.setDataSource(new TimedDataSource(Postgres.dataSource(), times));
    config.setMaximumPoolSize(16);
    config.setPoolName("peer-whizbang");
    try (HikariDataSource pool = new HikariDataSource(config);
        WhizbangSide side = new WhizbangSide(pool, prefix, t -> transport[0] = new StageTimingTransport(t))) {
      for (int stream = 0; stream * 100 < stored; stream++) {
        side.append("fill-" + stream, stream * 100L, Math.min(100, stored - stream * 100));
      }
      WhizbangBalances projection = new WhizbangBalances();
      try (RunningProjection running = side.start(side.reset(projection))) {
        projection.tally.awaitApplied(stored, 600, "catch-up before live");
        if (!running.awaitLive(Duration.ofMinutes(1))) {
          throw new IllegalStateException("the projection did not go live in a minute");
        }
        times.reset();
        transport[0].calls.reset();
        transport[0].deliveries.reset();
        times.listener((threads, kind, start, nanos) -> calls.add(new Call(threads, kind, start, nanos)));
        int count = (int) (rate * seconds);
        long period = 1_000_000_000L / rate;
        long[][] at = new long[StageReport.STAGES.length + 1][count];
        UUID[] ids = new UUID[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          long wait = start + i * period - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          at[0][i] = side.appendLive("live-" + i, i);
          ids[i] = side.lastLiveId;
        }
        long wallNanos = System.nanoTime() - start;
        for (int i = 0; i < count; i++) {
          at[1][i] = await(transport[0].published, ids[i], i);
          at[2][i] = await(transport[0].confirmed, ids[i], i);
          at[3][i] = await(transport[0].delivered, ids[i], i);
          Long handled;
          while ((handled = projection.tally.appliedAt(Tally.LIVE + i)) == null) {
            Thread.sleep(1);
          }
          at[4][i] = handled;
        }
        times.listener(null);
        Report.info(String.format(Locale.ROOT, "projection handler calls: %d for %d deliveries (%.2f per"
            + " call)", transport[0].calls.sum(), transport[0].deliveries.sum(),
            transport[0].deliveries.sum() / (double) Math.max(1, transport[0].calls.sum())));
        new StageReport(at, start, lateMillis, List.copyOf(calls), gc.pauses).print();
        times.print("live tail at " + rate + "/s, every thread's database calls", "main", 1, wallNanos, count,
            "event");
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static long await(Map<UUID, Long> stamps, UUID id, int index) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Long t;
    while ((t = stamps.get(id)) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("live event " + index + " (" + id + ") was not seen by the transport in 30 s");
      }
      Thread.sleep(1);
    }
    return t;
  }
}
