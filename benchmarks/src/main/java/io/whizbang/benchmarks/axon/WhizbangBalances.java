package io.whizbang.benchmarks.axon;

import io.whizbang.annotations.Handles;
import io.whizbang.annotations.Projection;
import io.whizbang.benchmarks.feed.AmountDeposited;

/** The Whizbang side's projection: each deposit into the shared {@link Tally}. */
@Projection(name = "peer-balances", source = "benchfeed")
public final class WhizbangBalances {
  final Tally tally = new Tally();

  @Handles
  void on(AmountDeposited deposit) {
    tally.apply(deposit);
  }
}
