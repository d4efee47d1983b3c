package io.whizbang.benchmarks.axon;

import io.whizbang.benchmarks.WhizbangModule_Benchmarks;
import io.whizbang.benchmarks.feed.AmountDeposited;
import io.whizbang.runtime.module.MessageType;

/** The one event shape both sides store and handle: a deposit, spread over 1,000 accounts. */
final class Deposits {
  private Deposits() {}

  static final MessageType<AmountDeposited> TYPE = type();

  static AmountDeposited deposit(long seq) {
    return new AmountDeposited("account-" + (seq % 1000), seq, seq % 997);
  }

  /** Live deposit number {@code n}, recognised by the handlers through its sequence (see {@link Tally#LIVE}). */
  static AmountDeposited live(long n) {
    return new AmountDeposited("account-live", Tally.LIVE + n, 1);
  }

  @SuppressWarnings("unchecked")
  private static MessageType<AmountDeposited> type() {
    return (MessageType<AmountDeposited>) new WhizbangModule_Benchmarks().messageTypes().stream()
        .filter(t -> t.javaType() == AmountDeposited.class).findFirst().orElseThrow();
  }
}
