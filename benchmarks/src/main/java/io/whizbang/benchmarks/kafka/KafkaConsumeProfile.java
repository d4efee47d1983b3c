package io.whizbang.benchmarks.kafka;

import io.whizbang.benchmarks.harness.JdbcTimes;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.harness.SqlKind;
import io.whizbang.benchmarks.harness.TimedDataSource;
import io.whizbang.benchmarks.inbox.StepEffects;
import io.whizbang.benchmarks.inbox.StepEffects_Dispatcher;
import io.whizbang.benchmarks.inbox.Steps;
import io.whizbang.kafka.KafkaConfig;
import io.whizbang.kafka.KafkaTransport;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the time goes in {@link KafkaConsumeBenchmark}'s comparison of the inbox consumer with the hand-written one
 * (row by row), one run of each over the same topic: for every database call kind its count per 100-message batch
 * and its time; for the handler threads of the inbox consumer the time in the handler, in JDBC and waiting for the
 * next batch from the poll thread; and from kafka-clients' own metrics the offset commits, fetches and time between
 * polls of each side. The sides alternate over {@code --rounds} (ABBA), each reading the whole topic afresh.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.kafka.KafkaConsumeProfile --messages=20000</pre>
 */
public final class KafkaConsumeProfile {
  private KafkaConsumeProfile() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int messages = Report.intArg(args, "messages", 20_000);
    int concurrency = Report.intArg(args, "concurrency", 3);
    int rounds = Report.intArg(args, "rounds", 2);
    String bootstrap = System.getenv().getOrDefault("WHIZBANG_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    String run = UUID.randomUUID().toString().substring(0, 8);
    KafkaConfig config = KafkaConsumeBenchmark.config(bootstrap, run);
    String prefix = Postgres.uniquePrefix("kprof");
    try (KafkaTransport transport = KafkaTransport.connect(config);
        KafkaClientMetrics metrics = new KafkaClientMetrics()) {
      Destination destination = Destination.events(Steps.domain());
      KafkaConsumeBenchmark.produce(transport, messages);
      JdbcTimes whizbangTimes = new JdbcTimes();
      SqlStorage storage = SqlStorage.builder(new TimedDataSource(Postgres.dataSource(), whizbangTimes))
          .tablePrefix(prefix).build();
      storage.migrate();
      String effects = StorageInternals.tables(storage).table("effects");
      Postgres.execute(StepEffects.createTableSql(effects));
      for (int round = 0; round < rounds; round++) {
        Report.info("round " + (round + 1) + " of " + rounds);
        if (round % 2 == 0) {
          whizbang(storage, transport, destination, messages, concurrency, whizbangTimes, round, metrics, run);
        }
        hand(bootstrap, transport.topicOf(destination), prefix + "r" + round + "_", messages, concurrency, metrics,
            run + "-" + round);
        if (round % 2 == 1) {
          whizbang(storage, transport, destination, messages, concurrency, whizbangTimes, round, metrics, run);
        }
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static void hand(String bootstrap, String topic, String tablePrefix, int messages, int concurrency,
      KafkaClientMetrics metrics, String group) throws Exception {
    JdbcTimes handTimes = new JdbcTimes();
    HandWrittenInboxConsumer hand = new HandWrittenInboxConsumer(bootstrap, topic,
        new TimedDataSource(Postgres.dataSource(), handTimes), tablePrefix, false);
    hand.createTablesSql().forEach(Postgres::execute);
    handTimes.reset();
    long start = System.nanoTime();
    double rate = hand.consume(messages, concurrency, "bench-hand-" + group);
    long wall = System.nanoTime() - start;
    Report.rate("hand-written consumer, row by row (first batch to last)", rate, "msg/s");
    handTimes.print("hand-written consumer, per 100-message poll", "hand-written-consumer", concurrency, wall,
        messages / 100, "batch");
    Report.info("  kafka: " + metrics.summary("consumer-bench-hand-" + group));
  }

  private static void whizbang(SqlStorage storage, KafkaTransport transport, Destination destination, int messages,
      int concurrency, JdbcTimes times, int round, KafkaClientMetrics metrics, String run) throws Exception {
    times.reset();
    Set<String> earlier = metrics.clients();
    AtomicLong calls = new AtomicLong();
    AtomicLong delivered = new AtomicLong();
    AtomicLong busy = new AtomicLong();
    AtomicLong waited = new AtomicLong();
    Queue<Long> gaps = new ConcurrentLinkedQueue<>();
    Queue<long[]> longGapsAt = new ConcurrentLinkedQueue<>();   // {ended at, nanos}
    ThreadLocal<long[]> lastEnd = ThreadLocal.withInitial(() -> new long[1]);
    String[] workers = new String[1];
    try (InboxConsumer consumer = InboxConsumer.builder(storage, "bench-profile-" + round)
        .dispatchers(List.of(new StepEffects_Dispatcher(new StepEffects(
            StorageInternals.tables(storage).table("effects")))))
        .config(InboxConfig.builder().maxBatch(100).build()).build();
        Subscription subscription = transport.subscribe(new SubscriptionRequest(consumer.consumerId(),
            List.of(new SubscriptionRequest.Source(destination, Set.of(Steps.wireName()))), concurrency), batch -> {
              long begin = System.nanoTime();
              long[] end = lastEnd.get();
              if (end[0] != 0 && consumer.stats().handled() < messages) {
                waited.addAndGet(begin - end[0]);   // this handler thread had nothing to do
                gaps.add(begin - end[0]);
                if (begin - end[0] > 20_000_000L) {
                  longGapsAt.add(new long[] {begin, begin - end[0]});
                }
              }
              workers[0] = SqlKind.threadGroup(Thread.currentThread().getName());
              consumer.handle(batch);
              calls.incrementAndGet();
              delivered.addAndGet(batch.size());
              end[0] = System.nanoTime();
              busy.addAndGet(end[0] - begin);
            })) {
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (consumer.stats().handled() == 0) {
        awaitDeadline(deadline, consumer);
      }
      long start = System.nanoTime();
      long from = consumer.stats().handled();
      times.reset();
      while (consumer.stats().handled() < messages) {
        awaitDeadline(deadline, consumer);
      }
      long elapsed = System.nanoTime() - start;
      Report.rate("inbox consumer (first batch to last)", (consumer.stats().handled() - from) / (elapsed / 1e9),
          "msg/s");
      Report.info(String.format(Locale.ROOT, "inbox consumer: %d handler calls, %.1f messages per call; handler"
          + " threads (%d) busy %.0f%% of the time, waiting for a batch %.0f%%", calls.get(),
          delivered.get() / (double) Math.max(1, calls.get()), concurrency,
          100.0 * busy.get() / (elapsed * (double) concurrency),
          100.0 * waited.get() / (elapsed * (double) concurrency)));
      long[] g = gaps.stream().mapToLong(Long::longValue).toArray();
      long longGaps = gaps.stream().filter(n -> n > 20_000_000L).mapToLong(Long::longValue).sum();
      Report.info(String.format(Locale.ROOT, "inbox consumer: %d waits between a handler thread's batches, p50 %.2f"
          + " ms, p90 %.2f ms, max %.1f ms; waits over 20 ms are %.0f%% of the waiting", g.length,
          Report.percentileMillis(g, 50), Report.percentileMillis(g, 90), Report.percentileMillis(g, 100),
          100.0 * longGaps / Math.max(1, waited.get())));
      StringBuilder where = new StringBuilder();
      for (long[] gap : longGapsAt) {
        where.append(String.format(Locale.ROOT, " %.0f ms ending at %.2f s;", gap[1] / 1e6, (gap[0] - start) / 1e9));
      }
      Report.info(String.format(Locale.ROOT, "inbox consumer: waits over 20 ms (run of %.2f s):%s", elapsed / 1e9,
          where));
      times.print("inbox consumer, per 100-message batch", workers[0], concurrency, elapsed,
          (consumer.stats().handled() - from) / 100, "batch");
    }
    Report.info("  kafka: " + metrics.summary("bench-" + run, earlier));
  }

  private static void awaitDeadline(long deadline, InboxConsumer consumer) throws InterruptedException {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("inbox consumer stalled: " + consumer.stats());
    }
    Thread.sleep(1);
  }
}
