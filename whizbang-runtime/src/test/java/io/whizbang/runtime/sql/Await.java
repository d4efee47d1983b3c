package io.whizbang.runtime.sql;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting for asynchronous outcomes: fails with a description instead of hanging. */
public final class Await {
  private Await() {}

  public static void until(Duration limit, String what, BooleanSupplier condition) {
    until(limit, () -> what, condition);
  }

  public static void until(Duration limit, Supplier<String> what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not reached within " + limit + ": " + what.get());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }
}
