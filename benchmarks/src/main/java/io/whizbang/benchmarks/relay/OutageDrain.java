package io.whizbang.benchmarks.relay;

import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.storage.OutboxFill;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time from the broker being back up to every row it held published: 10,000 rows over 1,000 keys wait in the outbox
 * through an outage (publishing fails as unavailable for {@code --outage} seconds, so the relay retries the head row
 * of every key with a growing backoff), then the broker is back and the clock runs until the last row is confirmed
 * and marked. The baseline is the same relay publishing 10,000 fresh rows with no outage, from their commit to the
 * last row marked (both clocks start with the rows committed). Rounds alternate baseline and outage. Run once with the default backoff (200 ms doubling to
 * 60 s) and once with {@code --maxBackoff} shorter, since the wait after the outage is mostly the backoff left to
 * run on each key's head row.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.relay.OutageDrain --outage=10 --rounds=3</pre>
 */
public final class OutageDrain {
  private static final String DOMAIN = "benchdrain";
  private static final int ROWS = 10_000;
  private static final int KEYS = 1_000;

  private OutageDrain() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    // Every held row logs a warning after maxAttempts; the figures are what this harness is for.
    System.setProperty("org.slf4j.simpleLogger.log.io.whizbang.runtime.relay.Relay", "error");
    int rounds = Report.intArg(args, "rounds", 3);
    double outage = Report.doubleArg(args, "outage", 10);
    double maxBackoff = Report.doubleArg(args, "maxBackoff", 60);
    RelayConfig config = RelayConfig.builder()
        .backoff(Duration.ofMillis(200), Duration.ofMillis((long) (maxBackoff * 1000))).build();
    List<Double> fresh = new ArrayList<>();
    List<Double> held = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      if (round % 2 == 0) {
        fresh.add(millisToPublish(config, 0));
        held.add(millisToPublish(config, outage));
      } else {
        held.add(millisToPublish(config, outage));
        fresh.add(millisToPublish(config, 0));
      }
    }
    double freshMedian = median(fresh);
    double heldMedian = median(held);
    Report.info(String.format(Locale.ROOT, "fresh ms per round %s; after a %.0f s outage %s (maxBackoff %.1f s)",
        fresh, outage, held, maxBackoff));
    System.out.printf(Locale.ROOT, "RESULT %-58s held %.0f ms | fresh %.0f ms | ratio %.2fx the time%n",
        "10k rows: broker back -> all published / fresh rows", heldMedian, freshMedian, heldMedian / freshMedian);
  }

  /** Fills the outbox with the broker down for {@code outageSeconds} (0: up all along); ms from up to all marked. */
  private static double millisToPublish(RelayConfig config, double outageSeconds) throws Exception {
    String prefix = Postgres.uniquePrefix("drain");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      OutageSwitch broker = new OutageSwitch(new InMemoryTransport());
      try (broker; Relay relay = new Relay(storage, broker, config)) {
        relay.start();
        await(() -> relay.stats().leasedPartitions().size() == storage.outboxPartitions(), "the relay leased nothing");
        broker.down(outageSeconds > 0);
        OutboxFill.fill(storage, DOMAIN, ROWS, KEYS);
        long start = System.nanoTime(); // rows committed: from here on only the relay works
        relay.wake();
        if (outageSeconds > 0) {
          Thread.sleep((long) (outageSeconds * 1000));
          if (relay.stats().retried() == 0 || relay.stats().published() > 0) {
            throw new IllegalStateException("the outage did not hold the rows");
          }
          broker.down(false);
          start = System.nanoTime();
        }
        await(() -> relay.stats().published() >= ROWS, "the relay did not publish every row");
        return (System.nanoTime() - start) / 1e6;
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static void await(java.util.function.BooleanSupplier condition, String failure) throws Exception {
    long giveUp = System.nanoTime() + 300_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException(failure + " within 300 s");
      }
      Thread.sleep(1);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
