package io.whizbang.benchmarks.storage;

import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.harness.SampleMessages;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;

/**
 * Time from a business transaction's commit to the broker's confirmation of its outbox event, in-memory transport,
 * relay with its default poll interval (500 ms). Two wake-ups are measured: the in-process commit signal
 * ({@code storage.inTransaction} + {@code outbox.append(tx, ...)}), and PostgreSQL {@code NOTIFY} alone (append on
 * the caller's own connection, as a relay in another process sees it). One commit every few milliseconds.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.storage.CommitToConfirmLatency --messages=1000</pre>
 */
public final class CommitToConfirmLatency {
  private static final String DOMAIN = "benchorders";
  private static final long POLL_INTERVAL_MS = 500;

  private CommitToConfirmLatency() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    run(Report.intArg(args, "messages", 1000));
  }

  static void run(int messages) throws Exception {
    measure(messages, true);
    measure(messages, false);
  }

  private static void measure(int messages, boolean inProcessSignal) throws Exception {
    String prefix = Postgres.uniquePrefix("latency");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      Outbox outbox = new Outbox(storage);
      ConfirmTimingTransport transport = new ConfirmTimingTransport(new InMemoryTransport());
      RelayConfig config = RelayConfig.builder().publishInterval(java.time.Duration.ofMillis(POLL_INTERVAL_MS)).build();
      long[] latencies = new long[messages];
      try (Relay relay = new Relay(storage, transport, config);
          Connection own = storage.dataSource().getConnection()) {
        relay.start();
        own.setAutoCommit(false);
        int warmup = Math.min(200, messages / 5);
        for (int i = -warmup; i < messages; i++) {
          OutgoingMessage message = SampleMessages.event(DOMAIN, DOMAIN + ".OrderPlaced", "order-" + (i & 63), i);
          long[] committedAt = new long[1];
          if (inProcessSignal) {
            storage.inTransaction(tx -> {
              tx.afterCommit(() -> committedAt[0] = System.nanoTime()); // runs first: right after the commit
              outbox.append(tx, List.of(message));
              return null;
            });
          } else {
            outbox.append(own, List.of(message));
            own.commit();
            committedAt[0] = System.nanoTime();
          }
          Long confirmed = awaitConfirm(transport, message.messageId());
          if (i >= 0) {
            latencies[i] = Math.max(0, confirmed - committedAt[0]);
          }
          Thread.sleep(2);
        }
      }
      String how = inProcessSignal ? "in-process commit signal" : "LISTEN/NOTIFY only";
      double p50 = Report.percentileMillis(latencies, 50);
      double p99 = Report.percentileMillis(latencies, 99);
      Report.atMost("commit -> confirm p50, " + how, p50, 5);
      Report.atMost("commit -> confirm p99, " + how + " (poll " + POLL_INTERVAL_MS + " ms)", p99, POLL_INTERVAL_MS);
      Report.info("max " + String.format("%.2f", Report.percentileMillis(latencies, 100)) + " ms over " + messages
          + " commits");
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static Long awaitConfirm(ConfirmTimingTransport transport, UUID id) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      Long at = transport.confirmedAt.get(id);
      if (at != null) {
        return at;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("message " + id + " not confirmed within 30 s");
      }
      Thread.onSpinWait();
    }
  }
}
