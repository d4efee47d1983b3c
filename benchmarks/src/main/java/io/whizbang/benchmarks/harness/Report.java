package io.whizbang.benchmarks.harness;

import java.util.Arrays;
import java.util.Locale;

/** Prints one comparison per line in a fixed shape, so that runs can be compared and pasted into the docs. */
public final class Report {
  private Report() {}

  /**
   * A rate of Whizbang against its baseline, the ratio, and whether it meets {@code target} (ratio at least; NaN
   * when there is none).
   */
  public static void ratio(String what, double whizbang, double baseline, String unit, double target) {
    double ratio = whizbang / baseline;
    String verdict = Double.isNaN(target) ? "(no target)"
        : String.format(Locale.ROOT, "target >= %.2fx %s", target, ratio >= target ? "MET" : "MISSED");
    System.out.printf(Locale.ROOT, "RESULT %-58s whizbang %12.1f %s | baseline %12.1f %s | ratio %.2fx | %s%n",
        what, whizbang, unit, baseline, unit, ratio, verdict);
  }

  /** A rate without a target. */
  public static void rate(String what, double value, String unit) {
    System.out.printf(Locale.ROOT, "RESULT %-58s %12.1f %s%n", what, value, unit);
  }

  /** A duration against an upper bound. */
  public static void atMost(String what, double millis, double boundMillis) {
    System.out.printf(Locale.ROOT, "RESULT %-58s %10.2f ms | target <= %.0f ms %s%n", what, millis, boundMillis,
        millis <= boundMillis ? "MET" : "MISSED");
  }

  /** Client libraries log at INFO through slf4j-simple; the harnesses show warnings only unless told otherwise. */
  public static void quietLogs() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  public static void info(String text) {
    System.out.println("       " + text);
  }

  /** The {@code p}-th percentile (0..100) of {@code nanos}, in milliseconds. */
  public static double percentileMillis(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  /** Whether {@code --name} is among the arguments. */
  public static boolean flag(String[] args, String name) {
    return Arrays.asList(args).contains("--" + name);
  }

  /** A {@code --name=value} argument as an int, or {@code fallback}. */
  public static int intArg(String[] args, String name, int fallback) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return Integer.parseInt(a.substring(name.length() + 3));
      }
    }
    return fallback;
  }

  public static double doubleArg(String[] args, String name, double fallback) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return Double.parseDouble(a.substring(name.length() + 3));
      }
    }
    return fallback;
  }
}
