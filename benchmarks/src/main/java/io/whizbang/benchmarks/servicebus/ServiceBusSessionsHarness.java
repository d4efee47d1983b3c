package io.whizbang.benchmarks.servicebus;

import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.servicebus.ServiceBusConfig;
import io.whizbang.servicebus.ServiceBusTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Consuming many keys with few messages each from Azure Service Bus, where a receiver holds one session (one key) at a
 * time: the rate at which a subscription of concurrency {@code --concurrency} drains {@code --keys} keys of
 * {@code --per-key} messages, with the default {@code sessionsPerLane} against one session per lane (the baseline),
 * in the same run, against the project's Service Bus test server. The messages are published first; the clock runs
 * from subscribe to the last acknowledgement.
 *
 * <pre>
 * bash scripts/services/start-servicebus.sh
 * java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.servicebus.ServiceBusSessionsHarness \
 *     [--keys=1000] [--per-key=2] [--concurrency=4] [--rounds=2] [--idle-ms=0 (the default sessionIdleTimeout)]
 * </pre>
 */
public final class ServiceBusSessionsHarness {

  private static final String DOMAIN = "bench";
  private static final String WIRE_NAME = "bench.Noted";

  private ServiceBusSessionsHarness() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int keys = Report.intArg(args, "keys", 1_000);
    int perKey = Report.intArg(args, "per-key", 2);
    int concurrency = Report.intArg(args, "concurrency", 4);
    int rounds = Report.intArg(args, "rounds", 2);
    int idleMillis = Report.intArg(args, "idle-ms", 0); // 0: the default sessionIdleTimeout
    String connection = System.getenv().getOrDefault("WHIZBANG_SERVICEBUS_CONNECTION_STRING",
        "Endpoint=sb://localhost:5673;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true");
    ControlApi control = new ControlApi(System.getenv().getOrDefault("WHIZBANG_SERVICEBUS_CONTROL_API",
        "http://127.0.0.1:5674"));
    int defaultPerLane = ServiceBusConfig.builder().connectionString(connection).build().sessionsPerLane();
    System.out.printf(Locale.ROOT, "%,d keys x %d messages, concurrency %d, %d rounds (ABBA)%n%n", keys, perKey,
        concurrency, rounds);
    double[] seconds = new double[2];
    for (int round = 0; round < rounds; round++) {
      int[] order = round % 2 == 0 ? new int[] {defaultPerLane, 1} : new int[] {1, defaultPerLane};
      for (int perLane : order) {
        double s = drain(connection, control, keys, perKey, concurrency, perLane, idleMillis);
        seconds[perLane == 1 ? 1 : 0] += s;
        Report.info(String.format(Locale.ROOT, "  sessionsPerLane %d: %,.0f msg/s", perLane, keys * perKey / s));
      }
    }
    double total = (double) keys * perKey * rounds;
    Report.ratio("Service Bus many keys, sessionsPerLane " + defaultPerLane + " vs 1, " + keys + " keys",
        total / seconds[0], total / seconds[1], "msg/s", Double.NaN);
  }

  /** Publishes, then subscribes and returns the seconds until every message was acknowledged. */
  private static double drain(String connection, ControlApi control, int keys, int perKey, int concurrency,
      int perLane, int idleMillis) throws Exception {
    String prefix = "sess" + UUID.randomUUID().toString().substring(0, 8);
    ServiceBusConfig.Builder builder = ServiceBusConfig.builder().connectionString(connection).namePrefix(prefix)
        .provisioning(false).sessionsPerLane(perLane);
    if (idleMillis > 0) {
      builder.sessionIdleTimeout(java.time.Duration.ofMillis(idleMillis));
    }
    ServiceBusConfig config = builder.build();
    Destination destination = Destination.events(DOMAIN);
    try (ServiceBusTransport transport = ServiceBusTransport.connect(config)) {
      String topic = transport.entityOf(destination);
      control.declareTopic(topic, config.duplicateDetectionWindow());
      control.declareSubscription(topic, "reader", WIRE_NAME);
      try {
        List<OutgoingMessage> messages = new ArrayList<>(keys * perKey);
        for (int seq = 0; seq < perKey; seq++) {
          for (int k = 0; k < keys; k++) {
            messages.add(new OutgoingMessage(UUID.randomUUID(), WIRE_NAME, destination, "key-" + k, 0, Map.of(),
                "{}".getBytes(StandardCharsets.UTF_8)));
          }
        }
        for (int from = 0; from < messages.size(); from += 100) {
          CompletableFuture.allOf(transport.publish(messages.subList(from, Math.min(messages.size(), from + 100)))
              .toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        CountDownLatch left = new CountDownLatch(messages.size());
        long started = System.nanoTime();
        try (Subscription ignored = transport.subscribe(new SubscriptionRequest("reader",
            List.of(new SubscriptionRequest.Source(destination, Set.of(WIRE_NAME))), concurrency), batch -> {
              for (Delivery d : batch) {
                d.ack();
                left.countDown();
              }
            })) {
          if (!left.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(left.getCount() + " messages not received within 10 minutes");
          }
          return (System.nanoTime() - started) / 1e9;
        }
      } finally {
        control.deleteTopic(topic);
      }
    }
  }
}
