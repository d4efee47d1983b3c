package io.whizbang.benchmarks.feed;

import io.whizbang.annotations.Handles;
import io.whizbang.annotations.Projection;
import java.util.HashMap;
import java.util.Map;

/** An in-memory read model: the balance of each account, and when the last deposit was applied. */
@Projection(name = "bench-balances", source = "benchfeed")
public final class Balances {
  final Map<String, Long> balances = new HashMap<>();
  volatile long applied;
  volatile long lastAppliedNanos;

  @Handles
  void on(AmountDeposited deposit) {
    balances.merge(deposit.account(), deposit.amount(), Long::sum);
    applied++;
    lastAppliedNanos = System.nanoTime();
  }

  long total() {
    long sum = 0;
    for (long v : balances.values()) {
      sum += v;
    }
    return sum;
  }
}
