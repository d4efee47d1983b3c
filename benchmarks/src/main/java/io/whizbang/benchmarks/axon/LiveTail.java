package io.whizbang.benchmarks.axon;

import io.whizbang.benchmarks.harness.Report;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Commit of a live event to its handler having run, open loop: events are committed on a fixed schedule whether or
 * not the previous ones were handled, so a slow side queues up instead of slowing the publisher down. Sides take
 * turns in ABBA rounds; all latencies of a side are pooled for its percentiles.
 */
final class LiveTail {
  /** Commits live event {@code n} and says when its transaction committed ({@link System#nanoTime()}). */
  interface Commit {
    long commit(long n) throws Exception;
  }

  record Side(String name, Tally tally, Commit commit) {}

  private final long periodNanos;
  private final int perRound;
  private long next;

  LiveTail(int ratePerSecond, int perRound) {
    this.periodNanos = 1_000_000_000L / ratePerSecond;
    this.perRound = perRound;
  }

  void run(int rounds, Side whizbang, Side axon) throws Exception {
    Side[] sides = {whizbang, axon};
    long[][] latencies = new long[2][rounds * perRound];
    double[][] p50 = new double[2][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < 2; k++) {
        int side = round % 2 == 0 ? k : 1 - k;
        long[] these = round(sides[side]);
        System.arraycopy(these, 0, latencies[side], round * perRound, perRound);
        p50[side][round] = Report.percentileMillis(these, 50);
      }
    }
    double[] ratios = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      ratios[round] = p50[0][round] / p50[1][round];
    }
    Arrays.sort(ratios);
    Report.info(String.format(Locale.ROOT, "live tail: %d rounds of %d events per side at %d/s; per-round p50 ratio"
        + " min %.2fx median %.2fx max %.2fx (lower is faster)", rounds, perRound, 1_000_000_000L / periodNanos,
        ratios[0], ratios[rounds / 2], ratios[rounds - 1]));
    for (double p : new double[] {50, 99}) {
      Report.ratio(String.format(Locale.ROOT, "live tail commit -> handler p%.0f (lower is faster)", p),
          Report.percentileMillis(latencies[0], p), Report.percentileMillis(latencies[1], p), "ms", Double.NaN);
    }
    Report.info(String.format(Locale.ROOT, "live tail max: whizbang %.2f ms, axon %.2f ms",
        Report.percentileMillis(latencies[0], 100), Report.percentileMillis(latencies[1], 100)));
  }

  private long[] round(Side side) throws Exception {
    long[] seqs = new long[perRound];
    long[] committed = new long[perRound];
    long start = System.nanoTime();
    for (int i = 0; i < perRound; i++) {
      long due = start + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      seqs[i] = next++;
      committed[i] = side.commit().commit(seqs[i]);
    }
    long[] latencies = new long[perRound];
    long deadline = System.nanoTime() + 30_000_000_000L;
    for (int i = 0; i < perRound; i++) {
      Long applied;
      while ((applied = side.tally().appliedAt(Tally.LIVE + seqs[i])) == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(side.name() + " did not handle live event " + seqs[i] + " in 30 s");
        }
        Thread.sleep(1);
      }
      latencies[i] = Math.max(0, applied - committed[i]);
    }
    return latencies;
  }
}
