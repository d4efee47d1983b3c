package io.whizbang.benchmarks.inbox;

import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Alternating.Done;
import io.whizbang.benchmarks.harness.JdbcTimes;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.harness.TimedDataSource;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Delivery;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbox-guarded consumer (inbox row + one effect row per message, in one transaction with the handler) against
 * the bare handler with the same effect (decode, dispatch through the same generated dispatcher, commit), with 1
 * and with 100 messages per transaction; and the duplicate path (every message already in the inbox) against first
 * processing. Deliveries are handed to the consumer directly in batches of 100, as a transport would, so only the
 * consumer's own cost is compared. PostgreSQL; the two sides run in alternating slices.
 *
 * <p>With {@code --profile}, each side runs on its own {@link TimedDataSource} (the same tables) and each comparison
 * ends with a table per side of round trips per message and the time of each kind.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.inbox.InboxThroughput --rounds=4 --slice=1.5</pre>
 */
public final class InboxThroughput {
  private static final int DELIVERY_BATCH = 100;
  private static boolean profile;

  private InboxThroughput() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int rounds = Report.intArg(args, "rounds", 4);
    double slice = Report.doubleArg(args, "slice", 1.5);
    profile = Report.flag(args, "profile");
    String prefix = Postgres.uniquePrefix("inbox");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      String effects = StorageInternals.tables(storage).table("effects");
      Postgres.execute(StepEffects.createTableSql(effects));
      MessageDispatcher dispatcher = new StepEffects_Dispatcher(new StepEffects(effects));
      double[] single = compare(prefix, storage, dispatcher, 1, slice, rounds);
      double[] hundred = compare(prefix, storage, dispatcher, 100, slice, rounds);
      Report.ratio("inbox consumer vs bare handler, 1 message per tx", single[0], single[1], "msg/s", 0.9);
      Report.ratio("inbox consumer vs bare handler, 100 messages per tx", hundred[0], hundred[1], "msg/s", 0.75);
      Report.ratio("inbox consumer 100 per tx vs 1 per tx", hundred[0], single[0], "msg/s", 5);
      duplicates(storage, dispatcher, slice, rounds);
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  /** {inbox rate, bare rate} at {@code perTransaction}, averaged over alternating rounds. */
  private static double[] compare(String prefix, SqlStorage storage, MessageDispatcher dispatcher, int perTransaction,
      double slice, int rounds) throws Exception {
    int[] next = {perTransaction * 100_000_000};
    JdbcTimes inboxTimes = new JdbcTimes();
    JdbcTimes bareTimes = new JdbcTimes();
    SqlStorage inboxStorage = profile
        ? SqlStorage.builder(new TimedDataSource(Postgres.dataSource(), inboxTimes)).tablePrefix(prefix).build()
        : storage;
    try (InboxConsumer consumer = InboxConsumer.builder(inboxStorage, "bench-" + perTransaction)
        .dispatchers(List.of(dispatcher)).config(InboxConfig.builder().maxBatch(perTransaction).build()).build();
        Connection own = (profile ? new TimedDataSource(storage.dataSource(), bareTimes) : storage.dataSource())
            .getConnection()) {
      own.setAutoCommit(false);
      BareContext context = new BareContext(own);
      // Warm-up of both paths (JIT, connection caches, statement plans).
      guarded(consumer, next, 1_000_000_000L);
      bare(dispatcher, context, own, perTransaction, next, 1_000_000_000L);
      inboxTimes.reset();
      bareTimes.reset();
      long[][] done = new long[2][2];
      double[] rates = Alternating.rates("inbox " + perTransaction + " per tx", rounds, slice,
          nanos -> Alternating.addTo(done[0], guarded(consumer, next, nanos)),
          nanos -> Alternating.addTo(done[1], bare(dispatcher, context, own, perTransaction, next, nanos)));
      if (profile) {
        inboxTimes.print("inbox consumer, " + perTransaction + " per tx", "main", 1, done[0][1], done[0][0], "msg");
        bareTimes.print("bare handler, " + perTransaction + " per tx", "main", 1, done[1][1], done[1][0], "msg");
      }
      return rates;
    }
  }

  private static Done guarded(InboxConsumer consumer, int[] next, long nanos) {
    long handledBefore = consumer.stats().handled();
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      List<BenchDelivery> batch = deliveries(next, DELIVERY_BATCH);
      consumer.handle(new ArrayList<Delivery>(batch));
      for (BenchDelivery d : batch) {
        if (!d.acked) {
          throw new IllegalStateException("a delivery was not acknowledged: " + consumer.stats());
        }
      }
    }
    return Done.since(start, consumer.stats().handled() - handledBefore);
  }

  private static Done bare(MessageDispatcher dispatcher, BareContext context, Connection c, int perTransaction,
      int[] next, long nanos) throws Exception {
    long handled = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      List<BenchDelivery> batch = deliveries(next, DELIVERY_BATCH);
      int inTransaction = 0;
      for (BenchDelivery d : batch) {
        context.envelope = EnvelopeCodec.decode(d.body());
        dispatcher.dispatch(context.envelope, context);
        if (++inTransaction == perTransaction) {
          c.commit();
          inTransaction = 0;
        }
      }
      if (inTransaction > 0) {
        c.commit();
      }
      batch.forEach(BenchDelivery::ack);
      handled += batch.size();
    }
    return Done.since(start, handled);
  }

  /**
   * Redelivers messages the consumer already handled: every one must be recognised and skipped. Each round handles
   * new messages for one slice, then redelivers exactly those.
   */
  private static void duplicates(SqlStorage storage, MessageDispatcher dispatcher, double slice, int rounds) {
    try (InboxConsumer consumer = InboxConsumer.builder(storage, "bench-duplicates")
        .dispatchers(List.of(dispatcher)).build()) {
      int[] next = {1_000_000_000};
      guarded(consumer, next, 1_000_000_000L);
      long firstOps = 0;
      long firstNanos = 0;
      long duplicateOps = 0;
      long duplicateNanos = 0;
      for (int round = 0; round < rounds; round++) {
        List<List<BenchDelivery>> handled = new ArrayList<>();
        long handledBefore = consumer.stats().handled();
        long start = System.nanoTime();
        while (System.nanoTime() - start < (long) (slice * 1e9)) {
          List<BenchDelivery> batch = deliveries(next, DELIVERY_BATCH);
          consumer.handle(new ArrayList<Delivery>(batch));
          handled.add(batch);
        }
        firstNanos += System.nanoTime() - start;
        long firstHandled = consumer.stats().handled() - handledBefore;
        firstOps += firstHandled;
        long duplicatesBefore = consumer.stats().duplicates();
        start = System.nanoTime();
        for (List<BenchDelivery> batch : handled) {
          List<Delivery> again = new ArrayList<>(batch.size());
          for (BenchDelivery d : batch) {
            again.add(new BenchDelivery(d.body(), d.partitionKey()));
          }
          consumer.handle(again);
        }
        duplicateNanos += System.nanoTime() - start;
        long skipped = consumer.stats().duplicates() - duplicatesBefore;
        if (skipped != firstHandled) {
          throw new IllegalStateException("expected " + firstHandled + " duplicates, saw " + skipped);
        }
        duplicateOps += skipped;
      }
      Report.ratio("duplicate path vs first processing (1 per tx)", duplicateOps / (duplicateNanos / 1e9),
          firstOps / (firstNanos / 1e9), "msg/s", 2);
    }
  }

  private static List<BenchDelivery> deliveries(int[] next, int count) {
    List<BenchDelivery> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = next[0]++;
      batch.add(new BenchDelivery(Steps.body(n), Steps.key(n)));
    }
    return batch;
  }
}
