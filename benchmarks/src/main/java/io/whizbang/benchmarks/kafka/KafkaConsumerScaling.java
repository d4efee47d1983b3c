package io.whizbang.benchmarks.kafka;

import io.whizbang.benchmarks.harness.Curve;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
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
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Kafka consumption with the inbox by 1, 2 and 3 service instances (each its own {@code KafkaTransport} and inbox
 * consumer, one consumer group, inbox tables shared as instances of one service share them) over a topic of 6
 * partitions holding {@code --messages} (default 60,000) messages; one effect row per message, 100 per transaction,
 * {@code --concurrency} (default 2) handler lanes per instance. Each count has a topic of its own: the instances
 * join the group, get {@code --settle-seconds} (default 8) to share the partitions, then the messages are produced;
 * timed from the first message handled to the last; every message must be handled once across the instances. Needs Kafka ({@code WHIZBANG_KAFKA_BOOTSTRAP}, default 127.0.0.1:9092) and PostgreSQL. Writes
 * {@code kafka-consumer-scaling.csv/.png}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.kafka.KafkaConsumerScaling</pre>
 */
public final class KafkaConsumerScaling {
  private static final int PARTITIONS = 6;

  private KafkaConsumerScaling() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int messages = Report.intArg(args, "messages", 60_000);
    int concurrency = Report.intArg(args, "concurrency", 2);
    int repeats = Report.intArg(args, "repeats", 2);
    int settleSeconds = Report.intArg(args, "settle-seconds", 8);
    String bootstrap = System.getenv().getOrDefault("WHIZBANG_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix = Postgres.uniquePrefix("kscale");
    Curve curve = new Curve("kafka-consumer-scaling", String.format(Locale.ROOT,
        "Kafka consumption with the inbox by service instances (%d partitions, %,d messages, an effect row each,"
        + " %d lanes per instance, 2 cores)", PARTITIONS, messages, concurrency), "service instances", "msg/s",
        false);
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      String effects = StorageInternals.tables(storage).table("effects");
      Postgres.execute(StepEffects.createTableSql(effects));
      double one = 0;
      for (int repeat = 1; repeat <= repeats; repeat++) {
        for (int instances = 1; instances <= 3; instances++) {
          double rate = consume(bootstrap, run + "-" + repeat + "-" + instances, storage, effects, messages,
              instances, concurrency, settleSeconds);
          curve.add("run " + repeat, instances, rate);
          if (instances == 1) {
            one = rate;
          } else {
            Report.ratio(instances + " instances vs 1 (run " + repeat + ")", rate, one, "msg/s", Double.NaN);
          }
        }
      }
    } finally {
      Postgres.dropTables(prefix);
    }
    curve.write(Curve.resultsDir(args));
  }

  /** A topic of its own per {@code topicRun}. */
  private static KafkaConfig config(String bootstrap, String topicRun, String client) {
    return KafkaConfig.builder().bootstrapServers(bootstrap).clientId("bench-" + topicRun + "-" + client)
        .partitions(PARTITIONS).topicNaming(d -> "bench-scale-" + topicRun + "." + d.conventionalName()).build();
  }

  private static void produce(KafkaTransport transport, int messages) throws Exception {
    for (int from = 0; from < messages; from += 1000) {
      List<OutgoingMessage> batch = new ArrayList<>(1000);
      for (int n = from; n < Math.min(messages, from + 1000); n++) {
        batch.add(Steps.outgoing(n));
      }
      CompletableFuture.allOf(transport.publish(batch).toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }
  }

  /**
   * The rate of {@code instances} instances of one subscriber on a new topic: they join the group first and are
   * given {@code settleSeconds} to share the partitions, then the messages are produced, so that no instance has
   * the topic to itself while the others join.
   */
  private static double consume(String bootstrap, String topicRun, SqlStorage storage, String effects, int messages,
      int instances, int concurrency, int settleSeconds) throws Exception {
    String subscriber = "scale-" + topicRun;
    List<KafkaTransport> transports = new ArrayList<>();
    List<InboxConsumer> consumers = new ArrayList<>();
    List<Subscription> subscriptions = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        KafkaTransport transport = KafkaTransport.connect(config(bootstrap, topicRun, "instance-" + i));
        transports.add(transport);
        InboxConsumer consumer = InboxConsumer.builder(storage, subscriber)
            .dispatchers(List.of(new StepEffects_Dispatcher(new StepEffects(effects))))
            .config(InboxConfig.builder().maxBatch(100).build()).build();
        consumers.add(consumer);
        subscriptions.add(transport.subscribe(new SubscriptionRequest(subscriber, List.of(
            new SubscriptionRequest.Source(Destination.events(Steps.domain()), Set.of(Steps.wireName()))),
            concurrency), consumer::handle));
      }
      Thread.sleep(settleSeconds * 1000L);
      produce(transports.get(0), messages);
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (handled(consumers) == 0) {
        check(deadline, consumers, messages);
        Thread.sleep(1);
      }
      long start = System.nanoTime();
      long from = handled(consumers);
      while (handled(consumers) < messages) {
        check(deadline, consumers, messages);
        Thread.sleep(1);
      }
      double rate = (handled(consumers) - from) / ((System.nanoTime() - start) / 1e9);
      long duplicates = consumers.stream().mapToLong(c -> c.stats().duplicates()).sum();
      Report.info(String.format(Locale.ROOT, "%d instance(s): %,.0f msg/s; handled per instance %s; %,d redelivered"
          + " copies skipped by the inbox", instances, rate,
          consumers.stream().map(c -> c.stats().handled()).toList(), duplicates));
      if (handled(consumers) != messages) {
        throw new IllegalStateException(instances + " instances handled " + handled(consumers) + " of " + messages);
      }
      return rate;
    } finally {
      subscriptions.forEach(Subscription::close);
      consumers.forEach(InboxConsumer::close);
      transports.forEach(KafkaTransport::close);
    }
  }

  private static long handled(List<InboxConsumer> consumers) {
    return consumers.stream().mapToLong(c -> c.stats().handled()).sum();
  }

  private static void check(long deadline, List<InboxConsumer> consumers, int messages) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("handled " + handled(consumers) + " of " + messages + " in 10 minutes");
    }
  }
}
