package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.transport.TransportStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link TransportStats}, shared by every transport: publishes by outcome, and deliveries
 * by settlement ({@link SettlingDelivery} counts its own). Counting is cheap ({@link LongAdder}) and never blocks.
 */
public final class TransportCounters {

  private final LongAdder published = new LongAdder();
  private final LongAdder publishFailed = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder released = new LongAdder();

  /** Counts each future's outcome when it completes; returns {@code futures} unchanged. */
  public List<CompletableFuture<Void>> countPublishes(List<CompletableFuture<Void>> futures) {
    for (CompletableFuture<Void> future : futures) {
      future.whenComplete((ok, error) -> (error == null ? published : publishFailed).increment());
    }
    return futures;
  }

  void delivered() {
    delivered.increment();
  }

  void acknowledged() {
    acknowledged.increment();
  }

  void released() {
    released.increment();
  }

  /**
   * A snapshot with the transport's own figures added.
   *
   * @param details broker-specific counters by name (API calls, recoveries); copied
   */
  public TransportStats snapshot(String transport, boolean open, int subscriptions, Map<String, Long> details) {
    return new TransportStats(transport, open, subscriptions, published.sum(), publishFailed.sum(),
        delivered.sum(), acknowledged.sum(), released.sum(), details);
  }

  /**
   * A broker's own counters, for {@link TransportStats#details()}: a subclass makes each one once, under the name it
   * is reported by, and counts without blocking.
   *
   * <pre>{@code
   * final class ApiCalls extends TransportCounters.Details {
   *   final LongAdder sendCalls = counter("sendCalls");
   * }
   * }</pre>
   */
  public abstract static class Details {
    private final Map<String, LongAdder> counters = new LinkedHashMap<>();

    /** A new counter, reported as {@code name}; called while the subclass is built. */
    protected final LongAdder counter(String name) {
      LongAdder counter = new LongAdder();
      if (counters.putIfAbsent(name, counter) != null) {
        throw new IllegalArgumentException("two counters named " + name);
      }
      return counter;
    }

    /** Every counter's sum by name, in the order they were made. */
    public final Map<String, Long> snapshot() {
      Map<String, Long> sums = new LinkedHashMap<>();
      counters.forEach((name, counter) -> sums.put(name, counter.sum()));
      return sums;
    }
  }
}
