package io.whizbang.benchmarks.harness;

import java.util.Arrays;
import java.util.Locale;

/**
 * Runs two or more arms in short alternating slices (ABBA order), so that load from elsewhere on a shared machine,
 * which comes and goes over seconds, falls on every arm alike. A rate is the sum of operations over the sum of time.
 */
public final class Alternating {
  private Alternating() {}

  /** Does work for about {@code nanos}; says how many operations it completed in how long. */
  public interface Slice {
    Done run(long nanos) throws Exception;
  }

  /** Operations completed in a measured window (a slice may leave its start-up out of the window). */
  public record Done(long ops, long nanos) {
    public static Done since(long startNanos, long ops) {
      return new Done(ops, System.nanoTime() - startNanos);
    }
  }

  /** Adds {@code done} to {@code total} ({operations, nanoseconds}) and returns it: an arm's sum over its slices. */
  public static Done addTo(long[] total, Done done) {
    total[0] += done.ops();
    total[1] += done.nanos();
    return done;
  }

  /** The rates (operations per second) of each arm, in the order given. */
  public static double[] rates(String what, int rounds, double sliceSeconds, Slice... arms) throws Exception {
    long[] ops = new long[arms.length];
    long[] nanos = new long[arms.length];
    double[][] perRound = new double[arms.length][rounds];
    long slice = (long) (sliceSeconds * 1e9);
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < arms.length; k++) {
        int arm = round % 2 == 0 ? k : arms.length - 1 - k;
        Done done = arms[arm].run(slice);
        ops[arm] += done.ops();
        nanos[arm] += done.nanos();
        perRound[arm][round] = done.ops() / (done.nanos() / 1e9);
      }
    }
    double[] rates = new double[arms.length];
    for (int k = 0; k < arms.length; k++) {
      rates[k] = ops[k] / (nanos[k] / 1e9);
    }
    double[] ratios = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      ratios[round] = perRound[0][round] / perRound[1][round];
    }
    Arrays.sort(ratios);
    Report.info(String.format(Locale.ROOT, "%s: %d rounds of %.1f s per arm; per-round ratio min %.2fx median %.2fx"
        + " max %.2fx", what, rounds, sliceSeconds, ratios[0], ratios[rounds / 2], ratios[rounds - 1]));
    return rates;
  }
}
