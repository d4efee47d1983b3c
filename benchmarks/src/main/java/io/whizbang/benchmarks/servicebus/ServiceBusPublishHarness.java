package io.whizbang.benchmarks.servicebus;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.TransportStats;
import io.whizbang.servicebus.ServiceBusConfig;
import io.whizbang.servicebus.ServiceBusTransport;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Publishing to Azure Service Bus: {@link ServiceBusTransport#publish} against the SDK's {@link ServiceBusSenderClient}
 * sending {@link ServiceBusMessageBatch}es of the same messages, in the same run, against the project's Service Bus
 * test server (scripts/services/start-servicebus.sh). Both sides take relay-sized batches of 100 messages from the
 * same pre-built list (events of one domain, ~300-byte payloads, partition keys round-robin over 20 or 200 keys) and
 * wait for each batch to be stored before the next, as the outbox relay does. The raw side builds each message as
 * the transport puts it on the wire (message id, session id = partition key, subject, content type, the broker
 * headers as application properties), so both send the same bytes.
 *
 * <p>The sides alternate in rounds (ABBA order) of {@code --round} messages each, after an uncounted warm-up of
 * {@code --warmup} messages each. A third, diagnostic side sends as the raw one does, but each relay batch from a
 * pool thread while the caller waits, as the transport hands its sends to its publisher threads: it tells the cost
 * of that hop from the transport's own. Output: the rate of each side, the ratios, the messages per send call, and
 * the JVM's CPU time per message on each side.
 *
 * <pre>
 * bash scripts/services/start-servicebus.sh
 * java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.servicebus.ServiceBusPublishHarness \
 *     [--messages=20000] [--round=2000] [--warmup=10000] [--keys=20,200]
 * </pre>
 *
 * Server: {@code WHIZBANG_SERVICEBUS_CONNECTION_STRING} (default the test server on 127.0.0.1:5673) and
 * {@code WHIZBANG_SERVICEBUS_CONTROL_API} (default http://127.0.0.1:5674), where the topic and its subscription are
 * declared (the test server has no administration API) and deleted at the end.
 */
public final class ServiceBusPublishHarness {

  private static final int BATCH = 100;
  private static final int PAYLOAD_BYTES = 300;
  private static final String DOMAIN = "bench";
  private static final String WIRE_NAME = "bench.Noted";

  private ServiceBusPublishHarness() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int messages = Report.intArg(args, "messages", 20_000);
    int round = Report.intArg(args, "round", 2_000);
    int warmup = Report.intArg(args, "warmup", 10_000);
    int[] keyCounts = keysArg(args);
    String connection = System.getenv().getOrDefault("WHIZBANG_SERVICEBUS_CONNECTION_STRING",
        "Endpoint=sb://localhost:5673;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true");
    ControlApi control = new ControlApi(System.getenv().getOrDefault("WHIZBANG_SERVICEBUS_CONTROL_API",
        "http://127.0.0.1:5674"));
    System.out.printf(Locale.ROOT, "%,d messages per side of %d payload bytes, relay batches of %d, rounds of %,d,"
        + " warm-up %,d per side; load average at start %s%n%n", messages, PAYLOAD_BYTES, BATCH, round, warmup,
        loadAverage());
    for (int keys : keyCounts) {
      run(connection, control, messages, round, warmup, keys);
    }
  }

  private static void run(String connection, ControlApi control, int messages, int round, int warmup, int keys)
      throws Exception {
    String prefix = "bench" + UUID.randomUUID().toString().substring(0, 8);
    ServiceBusConfig config = ServiceBusConfig.builder().connectionString(connection).namePrefix(prefix)
        .provisioning(false).build();
    Destination destination = Destination.events(DOMAIN);
    try (ServiceBusTransport transport = ServiceBusTransport.connect(config)) {
      String topic = transport.entityOf(destination);
      // As the transport would create them: duplicate detection on (its default window), one subscriber.
      control.declareTopic(topic, config.duplicateDetectionWindow());
      control.declareSubscription(topic, "reader", WIRE_NAME);
      ExecutorService hop = Executors.newSingleThreadExecutor();
      try (ServiceBusSenderClient sender = new ServiceBusClientBuilder().connectionString(connection).sender()
          .topicName(topic).buildClient()) {
        Raw raw = new Raw(sender);
        Raw rawHop = new Raw(sender);
        Whizbang whizbang = new Whizbang(transport, destination);
        List<Arm> arms = List.of(
            whizbang::publish,
            raw::publish,
            // Diagnostic: the same raw sends, each relay batch handed to a pool thread and waited for, as the
            // transport hands its sends to its publisher threads. Not a baseline; it shows what the hop costs.
            all -> rawHop.publishFrom(hop, all));
        // Warm-up, not counted: links open, and the JIT compiles both paths (with one round only, the side measured
        // first in a JVM paid for its compilation inside the measurement).
        for (int w = 0; w < warmup; w += round) {
          for (Arm arm : arms) {
            arm.publish(messages(destination, round, keys));
          }
        }
        TransportStats before = transport.stats();
        raw.sendCalls = 0;
        raw.sent = 0;

        int rounds = Math.max(2, messages / round);
        long[] nanos = new long[arms.size()];
        long[] cpu = new long[arms.size()];
        double[][] rates = new double[arms.size()][rounds];
        for (int r = 0; r < rounds; r++) {
          for (int k = 0; k < arms.size(); k++) {
            int arm = r % 2 == 0 ? k : arms.size() - 1 - k; // ABBA
            List<OutgoingMessage> batch = messages(destination, round, keys);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            arms.get(arm).publish(batch);
            long took = System.nanoTime() - t0;
            cpu[arm] += processCpuNanos() - cpu0;
            nanos[arm] += took;
            rates[arm][r] = round / (took / 1e9);
          }
        }
        TransportStats after = transport.stats();
        long calls = after.detail("sendCalls") - before.detail("sendCalls");
        long sent = after.detail("sentMessages") - before.detail("sentMessages");
        long total = (long) rounds * round;
        System.out.printf(Locale.ROOT, "== %d keys, %,d messages per side in %d rounds; topic %s%n", keys, total,
            rounds, topic);
        Report.info(perRound("transport / raw", rates[0], rates[1]));
        Report.info(perRound("raw behind one thread hop / raw", rates[2], rates[1]));
        Report.ratio("Service Bus publish, transport vs raw sender, " + keys + " keys",
            total / (nanos[0] / 1e9), total / (nanos[1] / 1e9), "msg/s", 0.9);
        Report.ratio("  (diagnostic) raw sender behind one thread hop vs raw", total / (nanos[2] / 1e9),
            total / (nanos[1] / 1e9), "msg/s", Double.NaN);
        Report.rate("  messages per send call, transport (" + calls + " calls)", (double) sent / calls, "msg/call");
        Report.rate("  messages per send call, raw sender (" + raw.sendCalls + " calls)",
            (double) raw.sent / raw.sendCalls, "msg/call");
        Report.info(String.format(Locale.ROOT, "JVM CPU per message: transport %.1f us, raw %.1f us, raw behind a hop"
            + " %.1f us; wall time per relay batch of %d: transport %.2f ms, raw %.2f ms, raw behind a hop %.2f ms",
            cpu[0] / 1e3 / total, cpu[1] / 1e3 / total, cpu[2] / 1e3 / total, BATCH,
            nanos[0] / 1e6 / (total / BATCH), nanos[1] / 1e6 / (total / BATCH), nanos[2] / 1e6 / (total / BATCH)));
        System.out.println();
      } finally {
        hop.shutdown();
        control.deleteTopic(topic);
      }
    }
  }

  /** One way of publishing a list of messages in relay batches, each batch waited for. */
  @FunctionalInterface
  private interface Arm {
    void publish(List<OutgoingMessage> all) throws Exception;
  }

  private static String perRound(String what, double[] a, double[] b) {
    double[] ratios = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      ratios[i] = a[i] / b[i];
    }
    Arrays.sort(ratios);
    return String.format(Locale.ROOT, "per-round ratio %s: min %.2fx median %.2fx max %.2fx", what, ratios[0],
        ratios[ratios.length / 2], ratios[ratios.length - 1]);
  }

  /** CPU time of the whole JVM (the SDK's reactor and I/O threads included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Relay batches through the transport, each waited for before the next. */
  private record Whizbang(ServiceBusTransport transport, Destination destination) {
    void publish(List<OutgoingMessage> all) throws Exception {
      for (int from = 0; from < all.size(); from += BATCH) {
        List<CompletableFuture<Void>> futures = transport.publish(all.subList(from, Math.min(all.size(),
            from + BATCH)));
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }
    }
  }

  /** The baseline: one sender client, each relay batch in as few {@link ServiceBusMessageBatch}es as fit. */
  private static final class Raw {
    private final ServiceBusSenderClient sender;
    long sendCalls;
    long sent;

    Raw(ServiceBusSenderClient sender) {
      this.sender = sender;
    }

    void publish(List<OutgoingMessage> all) {
      for (int from = 0; from < all.size(); from += BATCH) {
        sendBatch(all.subList(from, Math.min(all.size(), from + BATCH)));
      }
    }

    /** The same sends, each relay batch run on {@code pool} while the caller waits for it. */
    void publishFrom(ExecutorService pool, List<OutgoingMessage> all) throws Exception {
      for (int from = 0; from < all.size(); from += BATCH) {
        List<OutgoingMessage> relayBatch = all.subList(from, Math.min(all.size(), from + BATCH));
        CompletableFuture.runAsync(() -> sendBatch(relayBatch), pool).get(60, TimeUnit.SECONDS);
      }
    }

    private void sendBatch(List<OutgoingMessage> relayBatch) {
      ServiceBusMessageBatch batch = sender.createMessageBatch();
      for (OutgoingMessage m : relayBatch) {
        ServiceBusMessage wire = wire(m);
        if (!batch.tryAddMessage(wire)) {
          send(batch);
          batch = sender.createMessageBatch();
          if (!batch.tryAddMessage(wire)) {
            throw new IllegalStateException("a message does not fit an empty batch");
          }
        }
      }
      send(batch);
    }

    private void send(ServiceBusMessageBatch batch) {
      sender.sendMessages(batch);
      sendCalls++;
      sent += batch.getCount();
    }

    /** What the transport puts on the wire for {@code m}, written out with the SDK's own calls. */
    private static ServiceBusMessage wire(OutgoingMessage m) {
      ServiceBusMessage message = new ServiceBusMessage(m.body());
      String id = m.messageId().toString();
      message.setMessageId(id);
      message.setSessionId(m.partitionKey());
      message.setSubject(m.wireName());
      message.setContentType("application/json");
      Map<String, Object> properties = message.getApplicationProperties();
      properties.putAll(m.headers());
      properties.put(BrokerHeaders.TYPE, m.wireName());
      properties.put(BrokerHeaders.MESSAGE_ID, id);
      properties.put(BrokerHeaders.PARTITION_KEY, m.partitionKey());
      return message;
    }
  }

  /** Fresh messages (new ids: duplicate detection is on), keys round-robin. */
  private static List<OutgoingMessage> messages(Destination destination, int count, int keys) {
    List<OutgoingMessage> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String key = "order-" + (i % keys);
      byte[] payload = payload(key, i);
      Envelope envelope = new Envelope(MessageIds.next(), WIRE_NAME, destination.domain(), key, UUID.randomUUID(),
          null, Instant.now(), Envelope.NO_POSITION, Map.of(), payload);
      out.add(new OutgoingMessage(envelope.messageId(), WIRE_NAME, destination, key, 0, BrokerHeaders.of(envelope),
          EnvelopeCodec.encode(envelope)));
    }
    return out;
  }

  private static byte[] payload(String key, int seq) {
    String head = "{\"orderId\":\"" + key + "\",\"seq\":" + seq + ",\"note\":\"";
    return (head + "x".repeat(Math.max(0, PAYLOAD_BYTES - head.length() - 2)) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static int[] keysArg(String[] args) {
    for (String a : args) {
      if (a.startsWith("--keys=")) {
        return Arrays.stream(a.substring(7).split(",")).mapToInt(Integer::parseInt).toArray();
      }
    }
    return new int[] {20, 200};
  }

  private static String loadAverage() {
    try {
      return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg")),
          StandardCharsets.US_ASCII).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
