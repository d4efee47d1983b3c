package io.whizbang.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts and client-side wall time of JDBC calls, by the thread group that made them and the kind of call ({@link
 * SqlKind}, or {@code commit}, {@code rollback}, {@code connect}). Filled by {@link TimedDataSource}; printed as a
 * table of round trips per unit of work and time per round trip, which explains a throughput ratio as "N round trips
 * of X ms against M".
 */
public final class JdbcTimes {
  private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();
  private volatile Listener listener;

  /** Told of every call as it ends, on the calling thread (keep it cheap). */
  public interface Listener {
    void call(String threads, String kind, long startNanos, long nanos);
  }

  /** Also tells {@code value} of every call from now on. */
  public void listener(Listener value) {
    listener = value;
  }

  private record Key(String threads, String kind) {}

  private static final class Tally {
    final LongAdder count = new LongAdder();
    final LongAdder nanos = new LongAdder();
  }

  void record(String kind, long startNanos, long nanos) {
    String threads = SqlKind.threadGroup(Thread.currentThread().getName());
    Tally t = tallies.computeIfAbsent(new Key(threads, kind), k -> new Tally());
    t.count.increment();
    t.nanos.add(nanos);
    Listener l = listener;
    if (l != null) {
      l.call(threads, kind, startNanos, nanos);
    }
  }

  public void reset() {
    tallies.clear();
  }

  /** Total JDBC time of one thread group, in nanoseconds. */
  public long nanos(String threads) {
    long sum = 0;
    for (Map.Entry<Key, Tally> e : tallies.entrySet()) {
      if (e.getKey().threads().equals(threads) && !e.getKey().kind().equals("connect")) {
        sum += e.getValue().nanos.sum();
      }
    }
    return sum;
  }

  /**
   * Prints one line per thread group and kind: calls, calls per unit of work, mean time per call, total time, and
   * for {@code workers} (the thread group doing the measured work, {@code threadCount} threads for {@code
   * wallNanos}) the time its threads spent outside JDBC.
   */
  public void print(String title, String workers, int threadCount, long wallNanos, long units, String unit) {
    Report.info(String.format(Locale.ROOT, "where the time goes: %s (%d %s in %.2f s, %d %s threads)", title, units,
        unit, wallNanos / 1e9, threadCount, workers));
    Report.info(String.format(Locale.ROOT, "  %-42s %-34s %9s %9s %10s %10s", "threads", "call", "count",
        "per " + unit, "mean ms", "total s"));
    List<Map.Entry<Key, Tally>> rows = new ArrayList<>(tallies.entrySet());
    rows.sort((a, b) -> Long.compare(b.getValue().nanos.sum(), a.getValue().nanos.sum()));
    for (Map.Entry<Key, Tally> e : rows) {
      long count = e.getValue().count.sum();
      long nanos = e.getValue().nanos.sum();
      Report.info(String.format(Locale.ROOT, "  %-42s %-34s %9d %9.2f %10.3f %10.2f", e.getKey().threads(),
          e.getKey().kind(), count, count / (double) Math.max(1, units), nanos / 1e6 / Math.max(1, count),
          nanos / 1e9));
    }
    long inJdbc = nanos(workers);
    long threadNanos = (long) threadCount * wallNanos;
    Report.info(String.format(Locale.ROOT, "  %s threads: %.1f%% of their time in JDBC calls, %.1f%% outside"
        + " (%.3f ms of thread time per %s in JDBC, %.3f ms outside)", workers, 100.0 * inJdbc / threadNanos,
        100.0 * (threadNanos - inJdbc) / threadNanos, inJdbc / 1e6 / Math.max(1, units), unit,
        (threadNanos - inJdbc) / 1e6 / Math.max(1, units)));
  }
}
