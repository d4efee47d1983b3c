package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Per-key order through a real nack, from the outbox to the queue (issue 12). A subscriber queue limited in bytes
 * with {@code overflow = reject-publish} has room for a small message but not for a large one: the broker nacks
 * message 1 of key k (large) and would ack message 2 (small). Message 2 must not reach the queue before message 1
 * does, or the consumer applies it first.
 */
class RelayNackOrderTest extends BrokerTestBase {

  @Test
  void aNackedRowHoldsTheLaterRowOfItsKeyOutOfTheQueue() throws Exception {
    PGSimpleDataSource postgres = Postgres.require();
    String schema = "wbnack_" + prefix.replace("wbtest.", "").replace(".", "");
    String orders = domain("orders");
    String queue = names.subscriberQueue(subscriber("limited"));
    try (Connection connection = Broker.factory().newConnection("whizbang-test-setup")) {
      Channel channel = connection.createChannel();
      channel.exchangeDeclare(names.eventsExchange(orders), BuiltinExchangeType.TOPIC, true);
      channel.queueDeclare(queue, true, false, false,
          Map.of("x-max-length-bytes", 1_000, "x-overflow", "reject-publish"));
      channel.queueBind(queue, names.eventsExchange(orders), "orders.Placed");
      channel.basicPublish("", queue, null, "f".repeat(600).getBytes(StandardCharsets.UTF_8));
      channel.close();
    }
    SqlStorage storage = SqlStorage.builder(postgres).schema(schema).build();
    storage.migrate();
    try (Relay relay = new Relay(storage, transport(), RelayConfig.builder()
        .backoff(Duration.ofMillis(50), Duration.ofMillis(200)).build())) {
      Outbox outbox = new Outbox(storage);
      relay.start();
      // Warm up the publish path (nobody takes orders.Paid), so that message 2 follows message 1 on the wire as
      // closely as in a busy relay: before the nack of message 1 can come back.
      List<OutgoingMessage> warmUp = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        warmUp.add(event(orders, "orders.Paid", "warm-up-" + i, "w"));
      }
      append(storage, outbox, warmUp);
      assertThat(Recorder.await(WAIT, () -> relay.stats().published() == 500)).as("warm-up published").isTrue();

      append(storage, outbox, List.of(
          event(orders, "orders.Placed", "k", "k:1 " + "x".repeat(800)), // no room for it next to the filler
          event(orders, "orders.Placed", "k", "k:2")));                    // room for this one
      assertThat(Recorder.await(WAIT, () -> relay.stats().retried() >= 1)).as("k:1 was nacked").isTrue();

      try (Connection connection = Broker.factory().newConnection("whizbang-test-consumer")) {
        Channel channel = connection.createChannel();
        assertThat(text(channel.basicGet(queue, true))).as("the filler leaves, making room").startsWith("fff");
        assertThat(Recorder.await(WAIT, () -> relay.stats().published() == 502)).as("both rows published").isTrue();
        List<String> bodies = new ArrayList<>();
        for (GetResponse r = channel.basicGet(queue, true); r != null; r = channel.basicGet(queue, true)) {
          bodies.add(text(r).substring(0, 3));
        }
        assertThat(bodies).as("the queue after the filler").containsExactly("k:1", "k:2");
      }
    } finally {
      Postgres.execute(postgres, "drop schema if exists " + schema + " cascade");
    }
  }

  private static void append(SqlStorage storage, Outbox outbox, List<OutgoingMessage> rows) {
    storage.inTransaction(tx -> {
      outbox.append(tx, rows);
      return null;
    });
  }

  private static String text(GetResponse response) {
    return response == null ? "<empty>" : new String(response.getBody(), StandardCharsets.UTF_8);
  }
}
