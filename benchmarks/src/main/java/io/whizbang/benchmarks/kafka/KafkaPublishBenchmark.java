package io.whizbang.benchmarks.kafka;

import io.whizbang.kafka.KafkaConfig;
import io.whizbang.kafka.KafkaTransport;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Kafka transport's publish path against the baseline of a plain {@code KafkaProducer} with the same settings
 * (idempotent, {@code acks=all}, {@code linger.ms=5}), the same records (key, headers, envelope bytes) and the same
 * topic, in the same run. One operation is one message; each invocation publishes a batch of 100 and waits for
 * every confirmation, as the outbox relay does. Needs a broker ({@code WHIZBANG_KAFKA_BOOTSTRAP}, default
 * 127.0.0.1:9092; scripts/services/start-kafka.sh starts one):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar KafkaPublishBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class KafkaPublishBenchmark {

  private static final int BATCH = 100;
  private static final int KEYS = 20;

  @Param({"512"})
  public int payloadBytes;

  private KafkaTransport transport;
  private KafkaProducer<String, byte[]> raw;
  private List<OutgoingMessage> batch;
  private List<ProducerRecord<String, byte[]>> records;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String bootstrap = System.getenv().getOrDefault("WHIZBANG_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    String domain = "bench" + UUID.randomUUID().toString().substring(0, 8);
    transport = KafkaTransport.connect(KafkaConfig.builder().bootstrapServers(bootstrap).clientId("bench")
        .partitions(3).build());
    Destination destination = Destination.events(domain);
    String topic = transport.topicOf(destination);

    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("client.id", "bench-raw");
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("linger.ms", "5");
    p.put("delivery.timeout.ms", "120000");
    p.put("request.timeout.ms", "30000");
    p.put("max.block.ms", "120000");
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    raw = new KafkaProducer<>(p);

    batch = new ArrayList<>(BATCH);
    records = new ArrayList<>(BATCH);
    byte[] payload = ("{\"note\":\"" + "x".repeat(Math.max(0, payloadBytes - 11)) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < BATCH; i++) {
      String key = "order-" + (i % KEYS);
      Envelope envelope = new Envelope(MessageIds.next(), domain + ".OrderNoted", domain, key, UUID.randomUUID(),
          null, Instant.now(), i, Map.of(), payload);
      byte[] body = EnvelopeCodec.encode(envelope);
      Map<String, String> headers = BrokerHeaders.of(envelope);
      OutgoingMessage message = new OutgoingMessage(envelope.messageId(), envelope.wireName(), destination, key, 0,
          headers, body);
      batch.add(message);
      RecordHeaders recordHeaders = new RecordHeaders();
      headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
      records.add(new ProducerRecord<>(topic, null, null, key, body, recordHeaders));
    }
    // Creates the topic (with its partitions ready) before either side is measured.
    CompletableFuture.allOf(transport.publish(batch).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    raw.close();
    transport.close();
  }

  /** Baseline: the plain producer, waiting for all callbacks of the batch. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rawProducer() throws Exception {
    List<CompletableFuture<Void>> confirmations = new ArrayList<>(BATCH);
    for (ProducerRecord<String, byte[]> record : records) {
      CompletableFuture<Void> confirmed = new CompletableFuture<>();
      raw.send(record, (metadata, error) -> {
        if (error == null) {
          confirmed.complete(null);
        } else {
          confirmed.completeExceptionally(error);
        }
      });
      confirmations.add(confirmed);
    }
    CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  /** The transport's publish, waiting for every future of the batch. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void kafkaTransport() throws Exception {
    CompletableFuture.allOf(transport.publish(batch).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }
}
