package io.whizbang.benchmarks.kafka;

import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.inbox.StepCounter;
import io.whizbang.benchmarks.inbox.StepCounter_Dispatcher;
import io.whizbang.benchmarks.inbox.StepEffects;
import io.whizbang.benchmarks.inbox.StepEffects_Dispatcher;
import io.whizbang.benchmarks.inbox.Steps;
import io.whizbang.benchmarks.storage.OutboxFill;
import io.whizbang.kafka.KafkaConfig;
import io.whizbang.kafka.KafkaTransport;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Kafka consumption with the inbox (100 messages per transaction, one effect row each, offsets committed after the
 * database commit) against what a user writes by hand for the same job ({@link HandWrittenInboxConsumer}: a dedup
 * table and the same effect row, one transaction per poll of up to 100; the sides alternate over {@code --rounds}),
 * against a raw {@code kafka-clients} consumer reading the same topic (commitSync after every poll, no database),
 * and the full outbox → relay → Kafka rate. The inbox consumer runs twice: with the inbox
 * benchmark's handler (one effect row per message) and with a handler that writes nothing ({@code --concurrency}
 * handler threads, default 3, one per partition). Rates are taken from the first message received to
 * the last, so the consumer-group join is not counted. Needs Kafka ({@code WHIZBANG_KAFKA_BOOTSTRAP}, default
 * 127.0.0.1:9092) and PostgreSQL.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.kafka.KafkaConsumeBenchmark --messages=50000 [--rounds=4]</pre>
 */
public final class KafkaConsumeBenchmark {
  private KafkaConsumeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int messages = Report.intArg(args, "messages", 50_000);
    int concurrency = Report.intArg(args, "concurrency", 3);
    int rounds = Report.intArg(args, "rounds", 4);
    String bootstrap = System.getenv().getOrDefault("WHIZBANG_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    String run = UUID.randomUUID().toString().substring(0, 8);
    KafkaConfig config = config(bootstrap, run);
    String prefix = Postgres.uniquePrefix("kafka");
    try (KafkaTransport transport = KafkaTransport.connect(config)) {
      Destination destination = Destination.events(Steps.domain());
      String topic = transport.topicOf(destination);
      produce(transport, messages);
      double raw = rawConsumer(bootstrap, topic, messages, run);
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      String effects = StorageInternals.tables(storage).table("effects");
      Postgres.execute(StepEffects.createTableSql(effects));
      // Against what a user writes by hand, row by row and batched, alternating the sides (ABBA), each reading the
      // whole topic afresh.
      List<HandWrittenInboxConsumer> hands = new ArrayList<>();
      for (boolean batched : new boolean[] {false, true}) {
        HandWrittenInboxConsumer hand = new HandWrittenInboxConsumer(bootstrap, topic, Postgres.dataSource(), prefix,
            batched);
        hand.createTablesSql().forEach(Postgres::execute);
        hands.add(hand);
      }
      double[] inboxRates = new double[rounds];
      double[][] handRates = new double[2][rounds];
      for (int round = 0; round < rounds; round++) {
        boolean inboxFirst = round % 2 == 0;
        if (inboxFirst) {
          inboxRates[round] = inboxConsumer(storage, transport, destination, messages, "bench-effects-" + round,
              new StepEffects_Dispatcher(new StepEffects(effects)), concurrency);
        }
        for (int h = 0; h < 2; h++) {
          handRates[h][round] = hands.get(h).consume(messages, concurrency, "bench-hand-" + h + "-" + run + "-" + round);
        }
        if (!inboxFirst) {
          inboxRates[round] = inboxConsumer(storage, transport, destination, messages, "bench-effects-" + round,
              new StepEffects_Dispatcher(new StepEffects(effects)), concurrency);
        }
        Report.info(String.format(java.util.Locale.ROOT, "  round %d: inbox %.0f msg/s, hand-written row by row %.0f"
            + " msg/s, batched %.0f msg/s", round + 1, inboxRates[round], handRates[0][round], handRates[1][round]));
      }
      double inbox = median(inboxRates);
      Report.ratio("Kafka consumer with inbox vs hand-written, row by row", inbox, median(handRates[0]), "msg/s", 1.0);
      Report.info(ratioSpread(inboxRates, handRates[0]));
      Report.ratio("Kafka consumer with inbox vs hand-written, batched statements", inbox, median(handRates[1]),
          "msg/s", 1.0);
      Report.info(ratioSpread(inboxRates, handRates[1]));
      Report.ratio("Kafka consumer with inbox (100/tx) vs raw kafka-clients consumer", inbox, raw, "msg/s", 0.3);
      double inboxOnly = inboxConsumer(storage, transport, destination, messages, "bench-counter",
          new StepCounter_Dispatcher(new StepCounter()), concurrency);
      Report.ratio("  same, handler without an effect row (inbox row only)", inboxOnly, raw, "msg/s", 0.3);
      Report.rate("outbox -> relay -> Kafka (batch 100, acks=all)", relayToKafka(storage, transport, messages, 100),
          "rows/s");
      Report.rate("outbox -> relay -> Kafka (batch 500, acks=all)", relayToKafka(storage, transport, messages, 500),
          "rows/s");
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  /** The run's transport: client ids and a topic of 3 partitions named after {@code run}. */
  static KafkaConfig config(String bootstrap, String run) {
    return KafkaConfig.builder().bootstrapServers(bootstrap).clientId("bench-" + run).partitions(3)
        .topicNaming(d -> "bench-" + run + "." + d.conventionalName()).build();
  }

  static void produce(KafkaTransport transport, int messages) throws Exception {
    for (int from = 0; from < messages; from += 1000) {
      List<OutgoingMessage> batch = new ArrayList<>(1000);
      for (int n = from; n < Math.min(messages, from + 1000); n++) {
        batch.add(Steps.outgoing(n));
      }
      CompletableFuture.allOf(transport.publish(batch).toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }
  }

  private static double rawConsumer(String bootstrap, String topic, int messages, String run) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "bench-raw-" + run);
    p.put("enable.auto.commit", "false");
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long received = 0;
      long counted = 0;
      long start = 0;
      long bytes = 0;
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (received < messages) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("raw consumer received " + received + " of " + messages + " in 120 s");
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          continue;
        }
        for (var r : records) {
          bytes += r.value().length;
        }
        if (start == 0) {
          start = System.nanoTime();
        } else {
          counted += records.count();
        }
        received += records.count();
        consumer.commitSync();
      }
      if (bytes == 0) {
        throw new IllegalStateException("empty records");
      }
      return counted / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double inboxConsumer(SqlStorage storage, KafkaTransport transport, Destination destination,
      int messages, String consumerId, MessageDispatcher dispatcher, int concurrency) throws Exception {
    AtomicLong calls = new AtomicLong();
    AtomicLong delivered = new AtomicLong();
    AtomicLong busyNanos = new AtomicLong();
    try (InboxConsumer consumer = InboxConsumer.builder(storage, consumerId)
        .dispatchers(List.of(dispatcher)).config(InboxConfig.builder().maxBatch(100).build()).build();
        Subscription subscription = transport.subscribe(new SubscriptionRequest(consumer.consumerId(),
            List.of(new SubscriptionRequest.Source(destination, Set.of(Steps.wireName()))), concurrency), batch -> {
              long start = System.nanoTime();
              consumer.handle(batch);
              calls.incrementAndGet();
              delivered.addAndGet(batch.size());
              busyNanos.addAndGet(System.nanoTime() - start);
            })) {
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (consumer.stats().handled() == 0) {
        check(deadline, consumer, messages);
        Thread.sleep(1);
      }
      long start = System.nanoTime();
      long from = consumer.stats().handled();
      while (consumer.stats().handled() < messages) {
        check(deadline, consumer, messages);
        Thread.sleep(1);
      }
      long elapsed = System.nanoTime() - start;
      double rate = (consumer.stats().handled() - from) / (elapsed / 1e9);
      // Where the time goes: handler calls, their mean size, and how busy the handler threads were.
      Report.info(String.format(java.util.Locale.ROOT, consumerId + ": %d handler calls, %.1f messages per call,"
          + " handler busy %.0f%% of the time summed over its threads", calls.get(),
          delivered.get() / (double) Math.max(1, calls.get()), 100.0 * busyNanos.get() / elapsed));
      if (consumer.stats().duplicates() != 0 || consumer.stats().deadLettered() != 0) {
        throw new IllegalStateException("unexpected consumer outcome: " + consumer.stats());
      }
      return rate;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The per-round ratios' min / median / max. */
  private static String ratioSpread(double[] whizbang, double[] baseline) {
    double[] ratios = new double[whizbang.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = whizbang[i] / baseline[i];
    }
    double[] sorted = ratios.clone();
    java.util.Arrays.sort(sorted);
    return String.format(java.util.Locale.ROOT, "  per-round ratio min %.2fx / median %.2fx / max %.2fx over %d rounds",
        sorted[0], median(ratios), sorted[sorted.length - 1], ratios.length);
  }

  private static void check(long deadline, InboxConsumer consumer, int messages) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("inbox consumer handled " + consumer.stats() + " of " + messages + " in time");
    }
  }

  private static double relayToKafka(SqlStorage base, KafkaTransport transport, int rows, int batch)
      throws Exception {
    String prefix = Postgres.uniquePrefix("kafkarelay");
    try {
      SqlStorage storage = SqlStorage.builder(base.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      OutboxFill.fill(storage, Steps.domain(), rows);
      try (Relay relay = new Relay(storage, transport, RelayConfig.builder().batchSize(batch).build())) {
        relay.start();
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (relay.stats().published() == 0) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the relay published nothing in 300 s");
          }
          Thread.sleep(1);
        }
        long start = System.nanoTime();
        long from = relay.stats().published();
        while (relay.stats().published() < rows) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the relay published " + relay.stats().published() + " of " + rows);
          }
          Thread.sleep(2);
        }
        return (relay.stats().published() - from) / ((System.nanoTime() - start) / 1e9);
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }
}
