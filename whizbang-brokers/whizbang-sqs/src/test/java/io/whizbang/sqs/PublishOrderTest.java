package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FIFO order across publish calls that are not awaited: {@code publish(e1); publish(e2);} on one key from one thread
 * must reach the queue in that order (the transport SPI's publish-order contract), on ElasticMQ (straight to the
 * command queue) and on fauxqs (through an SNS FIFO topic to the subscriber's queue).
 */
class PublishOrderTest {

  private static final int KEYS = 200;
  private static final int CALLS_PER_KEY = 3;

  @ParameterizedTest
  @EnumSource(Servers.class)
  void callsFromOneThreadKeepTheirOrderPerKeyWithoutBeingAwaited(Servers server) throws Exception {
    server.require();
    SqsTransport transport = SqsTransport.connect(server.config().build());
    try {
      Destination destination = server == Servers.FAUXQS ? Destination.events("orders")
          : Destination.commands("orders");
      Collected collected = new Collected();
      transport.subscribe(new SubscriptionRequest("shipping", List.of(new Source(destination,
          Set.of("orders.Placed"))), 4), collected);
      List<CompletableFuture<Void>> futures = new ArrayList<>();

      for (int k = 0; k < KEYS; k++) {
        for (int seq = 0; seq < CALLS_PER_KEY; seq++) { // one call per message, none awaited
          OutgoingMessage m = message(destination, "orders.Placed", "k" + k, "{\"seq\":" + seq + "}");
          futures.addAll(transport.publish(List.of(m)));
        }
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

      int total = KEYS * CALLS_PER_KEY;
      assertThat(Collected.await(Duration.ofSeconds(60), () -> collected.count() >= total))
          .as("received %d of %d", collected.count(), total).isTrue();
      Map<String, List<Integer>> byKey = new LinkedHashMap<>();
      for (Collected.Seen s : collected.seen()) {
        byKey.computeIfAbsent(s.partitionKey(), k -> new ArrayList<>())
            .add(Integer.parseInt(s.body().replaceAll("(?s).*\"seq\":(\\d+).*", "$1")));
      }
      List<String> outOfOrder = byKey.entrySet().stream().filter(e -> !e.getValue().equals(List.of(0, 1, 2)))
          .map(e -> e.getKey() + ": " + e.getValue()).toList();
      assertThat(outOfOrder).as("keys whose messages arrived out of publish order").isEmpty();
      assertThat(byKey).hasSize(KEYS);
    } finally {
      Cleanup.delete(server, transport);
    }
  }
}
