package io.whizbang.benchmarks.axon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Alternating.Done;
import io.whizbang.benchmarks.harness.JdbcTimes;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.harness.TimedDataSource;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.projection.RunningProjection;
import java.util.Locale;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Where the time of {@link AxonComparison}'s catch-up goes, per page of 500 events on each side's applying thread:
 * Whizbang's projection thread (it reads the feed over HTTP and applies each page in a transaction) and Axon's
 * tracking processor thread (it reads the event table and applies each batch in a transaction). Every database call
 * is counted and timed by kind ({@link TimedDataSource} under each side's pool), the handler's work is timed inside
 * {@link Tally}, and what is left of a page's wall time is split into the time before its first statement (reading
 * the page) and the rest. The feed server's store reads are counted per 500 events. Same sides, tables, pools and
 * alternating rounds as the comparison.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.axon.CatchUpStages --events=100000
 *     --rounds=2</pre>
 */
public final class CatchUpStages {
  /** The Whizbang projection's thread ({@code whizbang-projection-} and the projection's name). */
  private static final String PROJECTION_THREAD = "whizbang-projection-peer-balances";
  /** Axon names a tracking processor's thread after the processor; this harness names them {@code catch-up-N}. */
  private static final String PROCESSOR_NAME = "catch-up-";
  private static final String FEED_THREADS = "whizbang-feed-http";

  private CatchUpStages() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int events = Report.intArg(args, "events", 100_000);
    int rounds = Report.intArg(args, "rounds", 2);
    JdbcTimes times = new JdbcTimes();
    PageLedger whizbangPages = new PageLedger();
    PageLedger axonPages = new PageLedger();
    PageLedger.Kinds feedCalls = new PageLedger.Kinds();
    // Threads of the feed's way that make no database call of their own: Jetty's (encoding and writing the lines,
    // its store reads too) and the projection's HTTP client's (reading the socket).
    ThreadCpu feedServerCpu = new ThreadCpu(FEED_THREADS);
    ThreadCpu httpClientCpu = new ThreadCpu("HttpClient-");
    String prefix = Postgres.uniquePrefix("pages");
    try (HikariDataSource whizbangPool = pool("whizbang", times); HikariDataSource axonPool = pool("axon", times);
        WhizbangSide whizbang = new WhizbangSide(whizbangPool, prefix + "wb_");
        AxonSide axon = new AxonSide(axonPool, prefix + "ax_")) {
      AxonComparison.fill(whizbang, axon, events);
      times.reset();
      times.listener((threads, kind, start, nanos) -> {
        if (threads.equals(PROJECTION_THREAD)) {
          whizbangPages.call(kind, start, nanos);
        } else if (threads.contains(PROCESSOR_NAME)) {
          axonPages.call(kind, start, nanos);
        } else if (threads.equals(FEED_THREADS)) {
          synchronized (feedCalls) {
            feedCalls.add(kind, 1, nanos);
          }
        }
      });
      int[] run = {0};
      double[] r = Alternating.rates("catch-up of " + events + " events, profiled", rounds, 0,
          nanos -> {
            WhizbangBalances projection = new WhizbangBalances();
            projection.tally.timedBy(whizbangPages::handled);
            ProjectionDispatcher dispatcher = whizbang.reset(projection);
            whizbangPages.begin();
            feedServerCpu.start();
            httpClientCpu.start();
            long start = System.nanoTime();
            try (RunningProjection running = whizbang.start(dispatcher)) {
              projection.tally.awaitApplied(events, 600, "whizbang catch-up");
              return Done.since(start, projection.tally.applied());
            } finally {
              feedServerCpu.stop();
              httpClientCpu.stop();
            }
          },
          nanos -> {
            AxonBalances handler = new AxonBalances();
            handler.tally.timedBy(axonPages::handled);
            axonPages.begin();
            long start = System.nanoTime();
            StreamingEventProcessor processor = axon.start(AxonSide.Processor.TRACKING, PROCESSOR_NAME + run[0]++,
                handler);
            try {
              handler.tally.awaitApplied(events, 600, "axon catch-up");
              return Done.since(start, handler.tally.applied());
            } finally {
              axon.stop(processor);
            }
          });
      times.listener(null);
      Report.ratio(String.format(Locale.ROOT, "catch-up of %,d events from the start (profiled)", events), r[0],
          r[1], "events/s", Double.NaN);
      PageReport.print("Whizbang projection thread, per page", whizbangPages);
      synchronized (feedCalls) {
        PageReport.printCalls("Whizbang feed server threads, per 500 events", feedCalls,
            (double) events * rounds / AxonSide.BATCH);
      }
      double perPage = (double) AxonSide.BATCH / events / rounds / 1e6;
      Report.info(String.format(Locale.ROOT, "  CPU time per 500 events: feed server threads %.3f ms, the projection's"
          + " HTTP client threads %.3f ms", feedServerCpu.nanos() * perPage, httpClientCpu.nanos() * perPage));
      PageReport.print("Axon tracking processor thread, per batch", axonPages);
      long wall = (long) (events * rounds * (1e9 / r[0] + 1e9 / r[1]));
      times.print("catch-up, every thread's database calls over all rounds of both sides", "main", 1, wall,
          2L * events * rounds, "event");
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static HikariDataSource pool(String side, JdbcTimes times) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(new TimedDataSource(Postgres.dataSource(), times));
    config.setMaximumPoolSize(16);
    config.setPoolName("peer-" + side);
    return new HikariDataSource(config);
  }
}
