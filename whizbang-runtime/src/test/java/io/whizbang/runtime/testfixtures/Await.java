package io.whizbang.runtime.testfixtures;

import static org.assertj.core.api.Assertions.fail;

import java.util.function.BooleanSupplier;

/** Polls a condition until it holds; the timeout is generous and only decides failure, never success. */
public final class Await {
  private Await() {}

  public static void until(BooleanSupplier condition, String what) {
    until(condition, what, java.time.Duration.ofSeconds(20));
  }

  /** {@link #until(BooleanSupplier, String)} with a timeout of its own. */
  public static void until(BooleanSupplier condition, String what, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("Timed out waiting for: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("Interrupted waiting for: " + what);
      }
    }
  }
}
