package io.whizbang.samples.shop.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the demo measured, and the checks it must pass; printed as a short readable report. */
final class Report {

  /** One check: a name and whether it held, with the evidence. */
  record Check(String name, boolean passed, String evidence) {}

  private final List<String> lines = new ArrayList<>();
  private final List<Check> checks = new ArrayList<>();

  void line(String format, Object... args) {
    lines.add(String.format(Locale.ROOT, format, args));
  }

  void check(String name, boolean passed, String evidence) {
    checks.add(new Check(name, passed, evidence));
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  List<Check> checks() {
    return List.copyOf(checks);
  }

  boolean passed() {
    return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  void print(PrintStream out) {
    out.println();
    out.println("=== Whizbang shop demo ===");
    lines.forEach(out::println);
    out.println("Checks:");
    for (Check c : checks) {
      out.printf(Locale.ROOT, "  [%s] %s (%s)%n", c.passed() ? " ok " : "FAIL", c.name(), c.evidence());
    }
    long failed = checks.stream().filter(c -> !c.passed()).count();
    out.println(failed == 0
        ? "RESULT: PASS - every service saw each event exactly once (" + checks.size() + " checks)"
        : "RESULT: FAIL - " + failed + " of " + checks.size() + " checks failed");
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
