package io.whizbang.benchmarks.axon;

import io.whizbang.benchmarks.feed.AmountDeposited;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read model both sides' handlers build, with the same work per event: the balance of each account, a count,
 * and for a live event (sequence at or above {@link #LIVE}) when it was applied.
 */
final class Tally {
  /** Live events are numbered from here, so that they never collide with stored ones. */
  static final long LIVE = 1_000_000_000L;

  private final Map<String, Long> balances = new HashMap<>();
  private final Map<Long, Long> liveAppliedAt = new ConcurrentHashMap<>();
  private volatile long applied;
  /** Told how long each apply took, when a profile wants the handler's own time (null: not timed). */
  private volatile HandlerTimer timer;

  /** Receives the duration of each {@link #apply}, on the handler's thread. */
  interface HandlerTimer {
    void handled(long nanos);
  }

  /** Times every apply from now on (for {@link CatchUpStages}; the comparison itself leaves it off). */
  void timedBy(HandlerTimer value) {
    timer = value;
  }

  /** Called by one handler thread at a time (each side applies a projection's events in order on one thread). */
  void apply(AmountDeposited deposit) {
    HandlerTimer t = timer;
    long start = t == null ? 0 : System.nanoTime();
    balances.merge(deposit.account(), deposit.amount(), Long::sum);
    if (deposit.seq() >= LIVE) {
      liveAppliedAt.put(deposit.seq(), System.nanoTime());
    }
    applied++;
    if (t != null) {
      t.handled(System.nanoTime() - start);
    }
  }

  long applied() {
    return applied;
  }

  Long appliedAt(long liveSeq) {
    return liveAppliedAt.get(liveSeq);
  }

  /** Waits until {@code count} events were applied; throws after {@code seconds}. */
  void awaitApplied(long count, int seconds, String side) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (applied < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(side + " applied " + applied + " of " + count + " events in " + seconds + " s");
      }
      Thread.sleep(1);
    }
  }
}
