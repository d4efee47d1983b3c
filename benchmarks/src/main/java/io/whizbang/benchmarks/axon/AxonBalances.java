package io.whizbang.benchmarks.axon;

import io.whizbang.benchmarks.feed.AmountDeposited;
import org.axonframework.eventhandling.EventHandler;

/** The Axon side's event handler, invoked the idiomatic way (annotation adapter): each deposit into a {@link Tally}. */
final class AxonBalances {
  final Tally tally = new Tally();

  @EventHandler
  void on(AmountDeposited deposit) {
    tally.apply(deposit);
  }
}
