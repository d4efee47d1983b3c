package io.whizbang.benchmarks.axon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Alternating.Done;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.projection.RunningProjection;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Whizbang against Axon Framework 4.13 on the same PostgreSQL, each side in alternating rounds (ABBA) of one run,
 * Axon as the baseline of every ratio: (1) catch-up of a projection over {@code --events} stored events from the
 * start; (2) commit of a live event to its handler having run, at a fixed rate; (3) event-store append, one event
 * per transaction from {@code --writers} threads and 100 events per transaction from one. See BENCHMARKS.md,
 * "Against the peers: Axon Framework 4.13".
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.axon.AxonComparison --events=100000</pre>
 */
public final class AxonComparison {
  private static final int POOL = 16;

  private AxonComparison() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int events = Report.intArg(args, "events", 100_000);
    int rounds = Report.intArg(args, "rounds", 4);
    double slice = Report.doubleArg(args, "slice", 2);
    int rate = Report.intArg(args, "rate", 200);
    double liveSeconds = Report.doubleArg(args, "live-seconds", 20);
    int writers = Report.intArg(args, "writers", 8);
    AxonSide.Processor kind = processor(args);
    Report.info("Axon processor: " + kind.name().toLowerCase(Locale.ROOT) + " (--processor=tracking|pooled)");
    String prefix = Postgres.uniquePrefix("axon");
    try (HikariDataSource whizbangPool = pool("whizbang"); HikariDataSource axonPool = pool("axon");
        WhizbangSide whizbang = new WhizbangSide(whizbangPool, prefix + "wb_");
        AxonSide axon = new AxonSide(axonPool, prefix + "ax_")) {
      fill(whizbang, axon, events);
      catchUp(whizbang, axon, kind, events, rounds);
      live(whizbang, axon, kind, events, rounds, rate, liveSeconds);
      append(whizbang, axon, rounds, slice, writers);
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  /** Stores {@code events} deposits on each side, in streams of 100, one transaction per stream. */
  static void fill(WhizbangSide whizbang, AxonSide axon, int events) {
    for (int stream = 0; stream * 100 < events; stream++) {
      int count = Math.min(100, events - stream * 100);
      whizbang.append("fill-" + stream, stream * 100L, count);
      axon.append("fill-" + stream, stream * 100L, count);
    }
  }

  private static AxonSide.Processor processor(String[] args) {
    for (String a : args) {
      if (a.startsWith("--processor=")) {
        String value = a.substring("--processor=".length());
        try {
          return AxonSide.Processor.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--processor must be tracking or pooled, was '" + value + "'", e);
        }
      }
    }
    return AxonSide.Processor.TRACKING;
  }

  private static HikariDataSource pool(String side) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(Postgres.dataSource());
    config.setMaximumPoolSize(POOL);
    config.setPoolName("peer-" + side);
    return new HikariDataSource(config);
  }

  /** Each slice is one whole catch-up from the start by a new projection or processor, whatever the slice length. */
  private static void catchUp(WhizbangSide whizbang, AxonSide axon, AxonSide.Processor kind, int events, int rounds) throws Exception {
    int[] run = {0};
    double[] r = Alternating.rates("catch-up of " + events + " events", rounds, 0,
        nanos -> {
          WhizbangBalances projection = new WhizbangBalances();
          ProjectionDispatcher dispatcher = whizbang.reset(projection);
          long start = System.nanoTime();
          try (RunningProjection running = whizbang.start(dispatcher)) {
            projection.tally.awaitApplied(events, 600, "whizbang catch-up");
            return Done.since(start, projection.tally.applied());
          }
        },
        nanos -> {
          AxonBalances handler = new AxonBalances();
          long start = System.nanoTime();
          StreamingEventProcessor processor = axon.start(kind, "catch-up-" + run[0]++, handler);
          try {
            handler.tally.awaitApplied(events, 600, "axon catch-up");
            return Done.since(start, handler.tally.applied());
          } finally {
            axon.stop(processor);
          }
        });
    Report.ratio(String.format(Locale.ROOT, "catch-up of %,d events from the start", events), r[0], r[1],
        "events/s", Double.NaN);
  }

  /** Both sides caught up and live, then rounds of events at {@code rate} per second, ABBA. */
  private static void live(WhizbangSide whizbang, AxonSide axon, AxonSide.Processor kind, int events, int rounds, int rate, double seconds)
      throws Exception {
    WhizbangBalances projection = new WhizbangBalances();
    AxonBalances handler = new AxonBalances();
    StreamingEventProcessor processor = axon.start(kind, "live", handler);
    try (RunningProjection running = whizbang.start(whizbang.reset(projection))) {
      projection.tally.awaitApplied(events, 600, "whizbang catch-up before live");
      if (!running.awaitLive(Duration.ofMinutes(1))) {
        throw new IllegalStateException("the Whizbang projection did not go live in a minute");
      }
      handler.tally.awaitApplied(events, 600, "axon catch-up before live");
      int perRound = (int) Math.max(1, Math.round(rate * seconds / rounds));
      LiveTail tail = new LiveTail(rate, perRound);
      AtomicLong streams = new AtomicLong();
      LiveTail.Side w = new LiveTail.Side("whizbang", projection.tally,
          n -> whizbang.appendLive("live-" + streams.incrementAndGet(), n));
      LiveTail.Side a = new LiveTail.Side("axon", handler.tally,
          n -> axon.appendLive("live-" + streams.incrementAndGet(), 0, n));
      tail.run(rounds, w, a);
    } finally {
      axon.stop(processor);
    }
  }

  private static void append(WhizbangSide whizbang, AxonSide axon, int rounds, double slice, int writers)
      throws Exception {
    AtomicLong streams = new AtomicLong();
    try (ParallelWriters parallel = new ParallelWriters(writers)) {
      double[] one = Alternating.rates("append, 1 event per transaction, " + writers + " writers", rounds, slice,
          nanos -> parallel.run(nanos, 1, () -> {
            long n = streams.incrementAndGet();
            whizbang.append("one-" + n, n, 1);
          }),
          nanos -> parallel.run(nanos, 1, () -> {
            long n = streams.incrementAndGet();
            axon.append("one-" + n, n, 1);
          }));
      Report.ratio("append, 1 event per transaction, " + writers + " writers", one[0], one[1], "events/s",
          Double.NaN);
    }
    try (ParallelWriters single = new ParallelWriters(1)) {
      double[] hundred = Alternating.rates("append, 100 events per transaction, 1 writer", rounds, slice,
          nanos -> single.run(nanos, 100, () -> {
            long n = streams.incrementAndGet();
            whizbang.append("hundred-" + n, n * 100, 100);
          }),
          nanos -> single.run(nanos, 100, () -> {
            long n = streams.incrementAndGet();
            axon.append("hundred-" + n, n * 100, 100);
          }));
      Report.ratio("append, 100 events per transaction, 1 writer", hundred[0], hundred[1], "events/s", Double.NaN);
    }
  }
}
