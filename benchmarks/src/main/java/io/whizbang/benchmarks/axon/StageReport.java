package io.whizbang.benchmarks.axon;

import io.whizbang.benchmarks.harness.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The per-stage latencies of {@link LiveTailStages} and what the late events coincide with. A coincidence is
 * measured against a control: for each kind of database call (by thread group) and for GC pauses, the share of late
 * events whose commit-to-handler window overlaps one, next to the same share among the events that were on time.
 */
final class StageReport {
  static final String[] STAGES = {"commit -> relay hands to transport", "hand-over -> transport confirms",
      "hand-over -> projection receives", "projection receives -> handler ran"};
  private static final int[][] STAGE_ROWS = {{0, 1}, {1, 2}, {1, 3}, {3, 4}};

  private final long[][] at;
  private final long start;
  private final double lateMillis;
  private final List<LiveTailStages.Call> calls;
  private final List<GcPauses.Pause> pauses;
  private final int count;

  StageReport(long[][] at, long start, double lateMillis, List<LiveTailStages.Call> calls,
      List<GcPauses.Pause> pauses) {
    this.at = at;
    this.start = start;
    this.lateMillis = lateMillis;
    this.calls = new ArrayList<>(calls);
    this.calls.sort(Comparator.comparingLong(LiveTailStages.Call::startNanos));
    this.pauses = pauses;
    this.count = at[0].length;
  }

  void print() {
    Report.info(String.format(Locale.ROOT, "%-40s %9s %9s %9s %9s", "stage (ms)", "p50", "p90", "p99", "max"));
    for (int s = 0; s < STAGES.length; s++) {
      stageLine(STAGES[s], STAGE_ROWS[s][0], STAGE_ROWS[s][1]);
    }
    stageLine("commit -> handler ran (total)", 0, 4);
    List<int[]> clusters = clusters();
    Report.info(String.format(Locale.ROOT, "late (> %.0f ms commit -> handler): %d of %d events, in %d clusters",
        lateMillis, clusters.stream().mapToInt(c -> c[1] - c[0] + 1).sum(), count, clusters.size()));
    for (int[] c : clusters.subList(0, Math.min(12, clusters.size()))) {
      printCluster(c[0], c[1]);
    }
    coincidences(clusters);
  }

  private void stageLine(String name, int from, int to) {
    long[] d = new long[count];
    for (int i = 0; i < count; i++) {
      d[i] = Math.max(0, at[to][i] - at[from][i]);
    }
    Report.info(String.format(Locale.ROOT, "%-40s %9.2f %9.2f %9.2f %9.2f", name, Report.percentileMillis(d, 50),
        Report.percentileMillis(d, 90), Report.percentileMillis(d, 99), Report.percentileMillis(d, 100)));
  }

  private boolean late(int i) {
    return (at[4][i] - at[0][i]) / 1e6 > lateMillis;
  }

  /** Runs of late events, allowing two on-time events inside a run. */
  private List<int[]> clusters() {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < count) {
      if (!late(i)) {
        i++;
        continue;
      }
      int first = i;
      int last = i;
      while (i < count && i - last <= 2) {
        if (late(i)) {
          last = i;
        }
        i++;
      }
      out.add(new int[] {first, last});
    }
    return out;
  }

  private void printCluster(int first, int last) {
    double[] stageSums = new double[STAGES.length];
    double worst = 0;
    for (int i = first; i <= last; i++) {
      for (int s = 0; s < STAGES.length; s++) {
        stageSums[s] += (at[STAGE_ROWS[s][1]][i] - at[STAGE_ROWS[s][0]][i]) / 1e6;
      }
      worst = Math.max(worst, (at[4][i] - at[0][i]) / 1e6);
    }
    int dominant = 0;
    for (int s = 1; s < STAGES.length; s++) {
      dominant = stageSums[s] > stageSums[dominant] ? s : dominant;
    }
    long from = at[0][first];
    long to = at[4][last];
    Map<String, double[]> overlap = new LinkedHashMap<>();
    for (LiveTailStages.Call c : callsOverlapping(from, to)) {
      if (c.threads().equals("main")) {
        continue;
      }
      double[] o = overlap.computeIfAbsent(c.threads() + " / " + c.kind(), k -> new double[2]);
      o[0]++;
      o[1] = Math.max(o[1], c.nanos() / 1e6);
    }
    StringBuilder slow = new StringBuilder();
    overlap.entrySet().stream().filter(e -> e.getValue()[1] >= 5)
        .sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1])).limit(4)
        .forEach(e -> slow.append(String.format(Locale.ROOT, "; %s x%.0f (longest %.0f ms)", e.getKey(),
            e.getValue()[0], e.getValue()[1])));
    double gcMillis = pauses.stream().filter(p -> p.endNanos() >= from && p.startNanos() <= to)
        .mapToDouble(p -> (p.endNanos() - p.startNanos()) / 1e6).sum();
    Report.info(String.format(Locale.ROOT,
        "  at %6.2f s: events %d-%d (%d), worst %.0f ms, mostly in '%s', GC %.0f ms%s",
        (from - start) / 1e9, first, last, last - first + 1, worst, STAGES[dominant], gcMillis,
        slow.length() == 0 ? "; no other database call of 5 ms or more" : slow.toString()));
  }

  private List<LiveTailStages.Call> callsOverlapping(long from, long to) {
    List<LiveTailStages.Call> out = new ArrayList<>();
    int lo = 0;
    int hi = calls.size();
    long earliest = from - 2_000_000_000L;       // no call here lasts two seconds
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (calls.get(mid).startNanos() < earliest) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int i = lo; i < calls.size() && calls.get(i).startNanos() <= to; i++) {
      LiveTailStages.Call c = calls.get(i);
      if (c.startNanos() + c.nanos() >= from) {
        out.add(c);
      }
    }
    return out;
  }

  /** Share of late and of on-time events whose window overlaps each kind of call (other threads) or a GC pause. */
  private void coincidences(List<int[]> clusters) {
    Map<String, int[]> seen = new LinkedHashMap<>();   // {late, on time}
    int lateCount = 0;
    int onTime = 0;
    for (int i = 0; i < count; i++) {
      boolean isLate = late(i);
      if (isLate) {
        lateCount++;
      } else {
        onTime++;
      }
      Set<String> here = new HashSet<>();
      for (LiveTailStages.Call c : callsOverlapping(at[0][i], at[4][i])) {
        if (!c.threads().equals("main")) {
          here.add(c.threads() + " / " + c.kind());
        }
      }
      long from = at[0][i];
      long to = at[4][i];
      if (pauses.stream().anyMatch(p -> p.endNanos() >= from && p.startNanos() <= to)) {
        here.add("GC pause");
      }
      for (String k : here) {
        seen.computeIfAbsent(k, x -> new int[2])[isLate ? 0 : 1]++;
      }
    }
    if (lateCount == 0) {
      return;
    }
    Report.info("what the late events' windows (commit -> handler) overlap, against the on-time events' windows:");
    int late = lateCount;
    int fine = Math.max(1, onTime);
    seen.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue()[0] / (double) late - b.getValue()[1] / (double) fine,
            a.getValue()[0] / (double) late - a.getValue()[1] / (double) fine))
        .limit(12)
        .forEach(e -> Report.info(String.format(Locale.ROOT, "  %-70s late %5.1f%%  on time %5.1f%%", e.getKey(),
            100.0 * e.getValue()[0] / late, 100.0 * e.getValue()[1] / fine)));
    Report.info(String.format(Locale.ROOT, "GC pauses during the run: %d, %.0f ms in total", pauses.size(),
        pauses.stream().mapToDouble(p -> (p.endNanos() - p.startNanos()) / 1e6).sum()));
  }
}
