package io.whizbang.benchmarks.inbox;

import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.InboxConsumer;
import io.whizbang.runtime.sql.SqlStorage;
import io.whizbang.runtime.transport.Delivery;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbox-guarded consumer (inbox row + one effect row per message, in one transaction with the handler) against
 * the bare handler with the same effect (decode, dispatch through the same generated dispatcher, commit), with 1
 * and with 100 messages per transaction; and the duplicate path (every message already in the inbox) against first
 * processing. Deliveries are handed to the consumer directly in batches of 100, as a transport would, so only the
 * consumer's own cost is compared. PostgreSQL; rounds alternate between the two sides.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.inbox.InboxThroughput --seconds=4</pre>
 */
public final class InboxThroughput {
  private static final int DELIVERY_BATCH = 100;

  private InboxThroughput() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int seconds = Report.intArg(args, "seconds", 4);
    int rounds = Report.intArg(args, "rounds", 2);
    String prefix = Postgres.uniquePrefix("inbox");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      String effects = storage.tables().table("effects");
      Postgres.execute(StepEffects.createTableSql(effects));
      MessageDispatcher dispatcher = new StepEffects_Dispatcher(new StepEffects(effects));
      double[] single = compare(storage, dispatcher, 1, seconds, rounds);
      double[] hundred = compare(storage, dispatcher, 100, seconds, rounds);
      Report.ratio("inbox consumer vs bare handler, 1 message per tx", single[0], single[1], "msg/s", 0.9);
      Report.ratio("inbox consumer vs bare handler, 100 messages per tx", hundred[0], hundred[1], "msg/s", 0.75);
      Report.ratio("inbox consumer 100 per tx vs 1 per tx", hundred[0], single[0], "msg/s", 5);
      duplicates(storage, dispatcher, seconds);
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  /** {inbox rate, bare rate} at {@code perTransaction}, averaged over alternating rounds. */
  private static double[] compare(SqlStorage storage, MessageDispatcher dispatcher, int perTransaction, int seconds,
      int rounds) throws Exception {
    double inbox = 0;
    double bare = 0;
    int[] next = {0};
    try (InboxConsumer consumer = InboxConsumer.builder(storage, "bench-" + perTransaction)
        .dispatchers(List.of(dispatcher)).maxBatch(perTransaction).build();
        Connection own = storage.dataSource().getConnection()) {
      own.setAutoCommit(false);
      BareContext context = new BareContext(own);
      // Warm-up of both paths (JIT, connection caches, statement plans).
      guarded(consumer, next, 1);
      bare(dispatcher, context, own, perTransaction, next, 1);
      for (int round = 0; round < rounds; round++) {
        bare += bare(dispatcher, context, own, perTransaction, next, seconds);
        inbox += guarded(consumer, next, seconds);
      }
    }
    return new double[] {inbox / rounds, bare / rounds};
  }

  private static double guarded(InboxConsumer consumer, int[] next, int seconds) {
    long handledBefore = consumer.stats().handled();
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<BenchDelivery> batch = deliveries(next, DELIVERY_BATCH);
      consumer.handle(new ArrayList<Delivery>(batch));
      for (BenchDelivery d : batch) {
        if (!d.acked) {
          throw new IllegalStateException("a delivery was not acknowledged: " + consumer.stats());
        }
      }
    }
    return (consumer.stats().handled() - handledBefore) / ((System.nanoTime() - start) / 1e9);
  }

  private static double bare(MessageDispatcher dispatcher, BareContext context, Connection c, int perTransaction,
      int[] next, int seconds) throws Exception {
    long handled = 0;
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
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
    return handled / ((System.nanoTime() - start) / 1e9);
  }

  /** Redelivers messages the consumer already handled: every one must be recognised and skipped. */
  private static void duplicates(SqlStorage storage, MessageDispatcher dispatcher, int seconds) throws SQLException {
    try (InboxConsumer consumer = InboxConsumer.builder(storage, "bench-duplicates")
        .dispatchers(List.of(dispatcher)).build()) {
      int[] next = {1_000_000_000};
      List<List<BenchDelivery>> handled = new ArrayList<>();
      long start = System.nanoTime();
      long deadline = start + seconds * 1_000_000_000L;
      while (System.nanoTime() < deadline) {
        List<BenchDelivery> batch = deliveries(next, DELIVERY_BATCH);
        consumer.handle(new ArrayList<Delivery>(batch));
        handled.add(batch);
      }
      double first = consumer.stats().handled() / ((System.nanoTime() - start) / 1e9);
      long duplicatesBefore = consumer.stats().duplicates();
      start = System.nanoTime();
      for (List<BenchDelivery> batch : handled) {
        List<Delivery> again = new ArrayList<>(batch.size());
        for (BenchDelivery d : batch) {
          again.add(new BenchDelivery(d.body(), d.partitionKey()));
        }
        consumer.handle(again);
      }
      long skipped = consumer.stats().duplicates() - duplicatesBefore;
      double duplicateRate = skipped / ((System.nanoTime() - start) / 1e9);
      if (skipped != consumer.stats().handled()) {
        throw new IllegalStateException("expected " + consumer.stats().handled() + " duplicates, saw " + skipped);
      }
      Report.ratio("duplicate path vs first processing (1 per tx)", duplicateRate, first, "msg/s", 2);
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
