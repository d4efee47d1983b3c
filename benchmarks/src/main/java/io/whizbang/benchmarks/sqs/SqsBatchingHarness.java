package io.whizbang.benchmarks.sqs;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.sqs.EventRouting;
import io.whizbang.sqs.SqsConfig;
import io.whizbang.sqs.SqsTransport;
import io.whizbang.runtime.transport.TransportStats;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * How well the SQS/SNS transport batches under load, and what it costs against the plain AWS SDK client doing the
 * same batching (ten entries per SendMessageBatch/PublishBatch call, ten messages per long-polling ReceiveMessage,
 * DeleteMessageBatch), in the same run and against the same server:
 *
 * <ol>
 *   <li>SQS on ElasticMQ: the commands of one domain, FIFO, 20 partition keys (or as given);
 *   <li>SNS on fauxqs: the events of one domain through a FIFO topic to one subscriber's FIFO queue.
 * </ol>
 *
 * Publishing goes in batches of 100 messages, each waited for, as the outbox relay does; consuming starts on a full
 * queue and acknowledges everything. A warm-up round of each side runs first and is not counted.
 *
 * <pre>
 * bash scripts/services/start-sqs.sh &amp;&amp; bash scripts/services/start-sns.sh
 * java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.sqs.SqsBatchingHarness [messages [keys]]
 * </pre>
 *
 * Endpoints: {@code WHIZBANG_SQS_ENDPOINT} (default http://127.0.0.1:9324), {@code WHIZBANG_SNS_ENDPOINT}
 * (default http://127.0.0.1:4566).
 */
public final class SqsBatchingHarness {

  private static final int BATCH = 100;
  private static int keys = 20;
  private static final int PAYLOAD_BYTES = 512;

  private SqsBatchingHarness() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    keys = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String sqsEndpoint = System.getenv().getOrDefault("WHIZBANG_SQS_ENDPOINT", "http://127.0.0.1:9324");
    String snsEndpoint = System.getenv().getOrDefault("WHIZBANG_SNS_ENDPOINT", "http://127.0.0.1:4566");
    System.out.printf(Locale.ROOT, "%d messages of %d payload bytes, %d keys, FIFO, relay batches of %d%n%n",
        messages, PAYLOAD_BYTES, keys, BATCH);
    run("SQS (ElasticMQ, SendMessageBatch)", sqsEndpoint, EventRouting.SQS_QUEUES, messages);
    run("SNS (fauxqs, PublishBatch to a FIFO topic)", snsEndpoint, EventRouting.SNS_TOPICS, messages);
  }

  private static void run(String title, String endpoint, EventRouting routing, int messages) throws Exception {
    System.out.println("== " + title);
    String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
    SqsConfig config = SqsConfig.builder().endpoint(endpoint).region("us-east-1").staticCredentials("bench", "bench")
        .namePrefix(prefix).eventRouting(routing).receiveWait(Duration.ofSeconds(1)).maxInFlight(200).build();
    boolean sns = routing == EventRouting.SNS_TOPICS;
    try (SqsTransport transport = SqsTransport.connect(config); SqsClient sqs = sqsClient(endpoint);
        SnsClient snsClient = sns ? snsClient(endpoint) : null) {
      String domain = "bench";
      Destination destination = sns ? Destination.events(domain) : Destination.commands(domain);
      SubscriptionRequest request = new SubscriptionRequest("reader",
          List.of(new SubscriptionRequest.Source(destination, Set.of("bench.Noted"))), 4);
      // Creates the queue (and topic and subscription) before anything is measured.
      transport.subscribe(request, batch -> batch.forEach(Delivery::ack)).close();
      String queueUrl = sqs.getQueueUrl(b -> b.queueName(sns ? prefix + "-subscriber-reader.fifo"
          : transport.nameOf(destination))).queueUrl();
      String topicArn = sns ? snsClient.listTopics().topics().stream().map(t -> t.topicArn())
          .filter(a -> a.endsWith(":" + transport.nameOf(destination))).findFirst().orElseThrow() : null;
      RawSide raw = new RawSide(sqs, snsClient, queueUrl, topicArn);

      // Warm-up, not counted.
      int warm = Math.min(2_000, messages);
      publishWithTransport(transport, destination, warm);
      consumeWithTransport(transport, request, warm);
      raw.publish(messages(destination, warm));
      raw.consume(warm);
      TransportStats before = transport.stats();
      raw.reset();

      long t0 = System.nanoTime();
      publishWithTransport(transport, destination, messages);
      long transportPublish = System.nanoTime() - t0;
      TransportStats afterPublish = transport.stats();
      t0 = System.nanoTime();
      consumeWithTransport(transport, request, messages);
      long transportConsume = System.nanoTime() - t0;
      TransportStats after = transport.stats();

      List<OutgoingMessage> rawMessages = messages(destination, messages);
      t0 = System.nanoTime();
      raw.publish(rawMessages);
      long rawPublish = System.nanoTime() - t0;
      t0 = System.nanoTime();
      raw.consume(messages);
      long rawConsume = System.nanoTime() - t0;

      long sendCalls = afterPublish.detail("sendCalls") - before.detail("sendCalls");
      long sent = afterPublish.detail("sentMessages") - before.detail("sentMessages");
      long receiveCalls = after.detail("receiveCalls") - afterPublish.detail("receiveCalls");
      long received = after.detail("receivedMessages") - afterPublish.detail("receivedMessages");
      long empty = after.detail("emptyReceives") - afterPublish.detail("emptyReceives");
      System.out.printf(Locale.ROOT, "transport  publish: %,8.0f msg/s  %5d calls  %5.2f msg/call%n",
          rate(messages, transportPublish), sendCalls, (double) sent / sendCalls);
      System.out.printf(Locale.ROOT, "raw SDK    publish: %,8.0f msg/s  %5d calls  %5.2f msg/call%n",
          rate(messages, rawPublish), raw.sendCalls, (double) messages / raw.sendCalls);
      System.out.printf(Locale.ROOT, "transport  consume: %,8.0f msg/s  %5d receives with messages  %5.2f msg/receive"
          + "  (%d empty long polls)%n", rate(messages, transportConsume), receiveCalls,
          (double) received / receiveCalls, empty);
      System.out.printf(Locale.ROOT, "raw SDK    consume: %,8.0f msg/s  %5d receives with messages  %5.2f msg/receive"
          + "  (%d empty long polls)%n%n", rate(messages, rawConsume), raw.receiveCalls,
          (double) raw.received / raw.receiveCalls, raw.emptyReceives);
      sqs.deleteQueue(b -> b.queueUrl(queueUrl));
      if (topicArn != null) {
        snsClient.deleteTopic(b -> b.topicArn(topicArn));
      }
    }
  }

  private static double rate(int messages, long nanos) {
    return messages / (nanos / 1e9);
  }

  private static void publishWithTransport(SqsTransport transport, Destination destination, int count)
      throws Exception {
    List<OutgoingMessage> all = messages(destination, count);
    for (int from = 0; from < all.size(); from += BATCH) {
      List<CompletableFuture<Void>> futures = transport.publish(all.subList(from, Math.min(all.size(), from + BATCH)));
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
  }

  private static void consumeWithTransport(SqsTransport transport, SubscriptionRequest request, int count)
      throws InterruptedException {
    AtomicLong seen = new AtomicLong();
    Subscription subscription = transport.subscribe(request, batch -> {
      batch.forEach(Delivery::ack);
      seen.addAndGet(batch.size());
    });
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (seen.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    subscription.close();
    if (seen.get() < count) {
      throw new IllegalStateException("the transport consumed only " + seen.get() + " of " + count);
    }
  }

  private static List<OutgoingMessage> messages(Destination destination, int count) {
    byte[] payload = ("{\"note\":\"" + "x".repeat(PAYLOAD_BYTES - 11) + "\"}").getBytes(StandardCharsets.UTF_8);
    List<OutgoingMessage> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String key = "order-" + (i % keys);
      Envelope envelope = new Envelope(MessageIds.next(), "bench.Noted", destination.domain(), key,
          UUID.randomUUID(), null, Instant.now(), Envelope.NO_POSITION, Map.of(), payload);
      out.add(new OutgoingMessage(envelope.messageId(), envelope.wireName(), destination, key, 0,
          BrokerHeaders.of(envelope), EnvelopeCodec.encode(envelope)));
    }
    return out;
  }

  private static SqsClient sqsClient(String endpoint) {
    return SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  private static SnsClient snsClient(String endpoint) {
    return SnsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  /** The baseline: the SDK clients called directly, ten entries per call, one thread, the same attributes. */
  private static final class RawSide {
    private final SqsClient sqs;
    private final SnsClient sns;
    private final String queueUrl;
    private final String topicArn;
    long sendCalls;
    long receiveCalls;
    long received;
    long emptyReceives;

    RawSide(SqsClient sqs, SnsClient sns, String queueUrl, String topicArn) {
      this.sqs = sqs;
      this.sns = sns;
      this.queueUrl = queueUrl;
      this.topicArn = topicArn;
    }

    void reset() {
      sendCalls = 0;
      receiveCalls = 0;
      received = 0;
      emptyReceives = 0;
    }

    void publish(List<OutgoingMessage> messages) {
      for (int from = 0; from < messages.size(); from += 10) {
        List<OutgoingMessage> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
        if (topicArn != null) {
          List<PublishBatchRequestEntry> entries = new ArrayList<>();
          for (OutgoingMessage m : chunk) {
            Map<String, software.amazon.awssdk.services.sns.model.MessageAttributeValue> a = new HashMap<>();
            m.headers().forEach((k, v) -> a.put(k, software.amazon.awssdk.services.sns.model.MessageAttributeValue
                .builder().dataType("String").stringValue(v).build()));
            entries.add(PublishBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                .message(new String(m.body(), StandardCharsets.UTF_8)).messageAttributes(a)
                .messageGroupId(m.partitionKey()).messageDeduplicationId(m.messageId().toString()).build());
          }
          requireAccepted(sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(entries))
              .failed().size());
        } else {
          List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
          for (OutgoingMessage m : chunk) {
            Map<String, MessageAttributeValue> a = new HashMap<>();
            m.headers().forEach((k, v) -> a.put(k, MessageAttributeValue.builder().dataType("String")
                .stringValue(v).build()));
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                .messageBody(new String(m.body(), StandardCharsets.UTF_8)).messageAttributes(a)
                .messageGroupId(m.partitionKey()).messageDeduplicationId(m.messageId().toString()).build());
          }
          requireAccepted(sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed().size());
        }
        sendCalls++;
      }
    }

    void consume(int count) {
      long seen = 0;
      while (seen < count) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
            .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
          emptyReceives++;
          continue;
        }
        receiveCalls++;
        received += messages.size();
        seen += messages.size();
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (Message m : messages) {
          entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
              .receiptHandle(m.receiptHandle()).build());
        }
        sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      }
    }

    private static void requireAccepted(int failed) {
      if (failed > 0) {
        throw new IllegalStateException(failed + " batch entries were refused");
      }
    }
  }
}
