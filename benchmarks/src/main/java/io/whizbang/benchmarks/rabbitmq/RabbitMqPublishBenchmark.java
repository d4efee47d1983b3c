package io.whizbang.benchmarks.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.whizbang.rabbitmq.QueueType;
import io.whizbang.rabbitmq.RabbitMqConfig;
import io.whizbang.rabbitmq.RabbitMqTransport;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * Confirmed publishing to a durable queue on the broker at {@code WHIZBANG_RABBITMQ_HOST} (default 127.0.0.1):
 * the Whizbang RabbitMQ publisher against the raw amqp-client publisher, both keeping the same window of
 * {@code WINDOW} unconfirmed messages (publish the window, then wait for every confirm), with the same properties
 * and body. The score is messages per second; the ratio {@code whizbang / rawAmqpClient} is the figure of merit.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RabbitMqPublishBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 5)
public class RabbitMqPublishBenchmark {

  static final int WINDOW = 100;
  private static final String HOST = System.getenv().getOrDefault("WHIZBANG_RABBITMQ_HOST", "127.0.0.1");

  @Param({"CLASSIC", "QUORUM"})
  public QueueType queueType;

  private String prefix;
  private String domain;
  private String queue;
  private RabbitMqTransport transport;
  private Connection raw;
  private Channel rawChannel;
  private Connection admin;
  private byte[] body;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    prefix = "wbbench." + UUID.randomUUID().toString().substring(0, 8) + ".";
    domain = "bench";
    transport = RabbitMqTransport.connect(
        RabbitMqConfig.builder().host(HOST).namePrefix(prefix).queueType(queueType).build());
    body = new byte[256];
    // The first publish declares the command queue both publishers write to.
    publishWhizbang(1);
    queue = prefix + domain + ".commands";
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(HOST);
    raw = factory.newConnection("raw-benchmark");
    rawChannel = raw.createChannel();
    rawChannel.confirmSelect();
    admin = factory.newConnection("benchmark-admin");
  }

  /** Keeps the queue short, so that neither side pays for a growing backlog. */
  @TearDown(Level.Iteration)
  public void purge() throws Exception {
    Channel channel = admin.createChannel();
    channel.queuePurge(queue);
    channel.close();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    transport.close();
    Channel channel = admin.createChannel();
    channel.queueDelete(queue);
    channel.queueDelete(prefix + "dead-letter");
    channel.exchangeDelete(prefix + "dead-letter");
    channel.close();
    admin.close();
    raw.close();
  }

  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public void whizbang() {
    publishWhizbang(WINDOW);
  }

  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public void rawAmqpClient() throws Exception {
    for (int i = 0; i < WINDOW; i++) {
      String id = UUID.randomUUID().toString();
      Map<String, Object> headers = new HashMap<>();
      headers.put("wb-partition-key", "key-" + (i % 10));
      headers.put("wb-domain", domain);
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
          .messageId(id).type("bench.Do").deliveryMode(2).priority(0).timestamp(new Date()).headers(headers).build();
      rawChannel.basicPublish("", queue, true, properties, body);
    }
    rawChannel.waitForConfirmsOrDie(30_000);
  }

  private void publishWhizbang(int count) {
    List<OutgoingMessage> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(new OutgoingMessage(UUID.randomUUID(), "bench.Do", Destination.commands(domain), "key-" + (i % 10), 0,
          Map.of(), body));
    }
    List<CompletableFuture<Void>> futures = transport.publish(batch);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
  }
}
