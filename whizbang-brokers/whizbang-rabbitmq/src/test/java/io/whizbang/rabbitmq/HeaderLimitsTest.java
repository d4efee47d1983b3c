package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import io.whizbang.runtime.transport.TransportLimitException;
import io.whizbang.runtime.transport.TransportLimits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * AMQP 0-9-1 carries a message's properties and headers in one content header frame, which must fit the frame_max
 * the connection negotiated (131072 bytes by default). The transport declares that limit, so an outbox built with
 * it refuses a message whose headers would not fit before storing it; a message stored without that check is
 * refused for good at publish, before the client consumes a confirm sequence number for it.
 */
class HeaderLimitsTest extends BrokerTestBase {

  private static OutgoingMessage withHeader(OutgoingMessage m, int bytes) {
    Map<String, String> headers = new HashMap<>(m.headers());
    headers.put("x-upstream-context", "x".repeat(bytes));
    return new OutgoingMessage(m.messageId(), m.wireName(), m.destination(), m.partitionKey(), m.priority(),
        headers, m.body());
  }

  @Test
  void theTransportDeclaresTheNegotiatedFrameMaxLessRoomForItsOwnProperties() {
    TransportLimits limits = transport().limits();

    assertThat(limits.source()).matches("RabbitMQ frame_max \\d+ less 1024 bytes for the AMQP properties it sets");
    int frameMax = Integer.parseInt(limits.source().split(" ")[2]);
    assertThat(limits.maxHeaderBytes()).isEqualTo(frameMax - 1024);
    assertThat(limits.maxHeaderNameBytes()).isEqualTo(255);
    assertThat(limits.bytesPerHeader()).isEqualTo(6);
  }

  @Test
  void aMessageWhoseHeadersAreRightAtTheDeclaredLimitIsSent() throws Exception {
    RabbitMqTransport transport = transport();
    TransportLimits limits = transport.limits();
    String orders = domain("orders");
    OutgoingMessage plain = event(orders, "orders.Placed", "k", "k:1");
    // Header bytes: the key's wb-partition-key (16 + 1 + 6) and the context header (18 + value + 6).
    int value = limits.maxHeaderBytes() - (16 + 1 + 6) - (18 + 6);
    OutgoingMessage atLimit = withHeader(plain, value);
    limits.check(atLimit, "-");

    transport.publish(List.of(atLimit)).get(0).get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> limits.check(withHeader(plain, value + 1), "-"))
        .isInstanceOf(TransportLimitException.class);
  }

  @Test
  void aHeaderSetOverTheFrameIsRefusedBeforeTheOutboxWithTheBrokersLimitInTheMessage() throws Exception {
    PGSimpleDataSource postgres = Postgres.require();
    String schema = "wbhl_" + prefix.replace("wbtest.", "").replace(".", "");
    try {
      SqlStorage storage = SqlStorage.builder(postgres).schema(schema).build();
      storage.migrate();
      RabbitMqTransport transport = transport();
      Outbox outbox = new Outbox(storage, transport.limits());
      String orders = domain("orders");
      OutgoingMessage big = withHeader(event(orders, "orders.Placed", "k", "k:1"), 140_000);

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        outbox.append(tx, List.of(event(orders, "orders.Placed", "k", "k:0"), big));
        return null;
      }))
          .isInstanceOf(TransportLimitException.class)
          .hasMessageContaining("Message orders.Placed " + big.messageId() + " exceeds the limits of the transport"
              + " (RabbitMQ frame_max ")
          .hasMessageContaining("its largest header, 'x-upstream-context', is 140024 bytes. It was not written to"
              + " the outbox");
      try (Connection c = postgres.getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("select count(*) from " + StorageInternals.tables(storage).outbox())) {
        r.next();
        assertThat(r.getLong(1)).as("outbox rows").isZero();
      }
    } finally {
      Postgres.execute(postgres, "drop schema if exists " + schema + " cascade");
    }
  }

  @Test
  void aStoredMessageOverTheFrameIsRefusedForGoodAtPublishAndTheChannelGoesOnConfirming() throws Exception {
    RabbitMqTransport transport = transport(b -> b.confirmTimeout(Duration.ofSeconds(5)));
    String orders = domain("orders");
    OutgoingMessage big = withHeader(event(orders, "orders.Placed", "k1", "k1:1"), 140_000);

    CompletableFuture<Void> refused = transport.publish(List.of(big)).get(0);
    assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TransportLimitException.class)
        .hasMessageContaining("content header frame of")
        .hasMessageContaining("over the frame_max of");
    assertThat(PermanentPublishException.isPermanent(refused.handle((ok, e) -> e).join())).isTrue();

    // Each later message is confirmed by the broker's own ack, not left waiting for the next one's.
    for (int i = 2; i <= 3; i++) {
      transport.publish(List.of(event(orders, "orders.Placed", "k" + i, "k" + i + ":1"))).get(0)
          .get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMessageTheClientRefusesAfterNumberingItLeavesNoChannelWhoseAcksSettleTheWrongMessages() throws Exception {
    RabbitMqTransport transport = transport();
    String orders = domain("orders");
    // Declares the exchange.
    transport.publish(List.of(event(orders, "orders.Placed", "k0", "k0:1"))).get(0).get(10, TimeUnit.SECONDS);
    Names.Route route = names.route(io.whizbang.runtime.transport.Destination.events(orders), "orders.Placed");
    java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newScheduledThreadPool(1);
    try (com.rabbitmq.client.Connection connection = Broker.factory().newConnection("whizbang-test-publisher");
        Publisher publisher = new Publisher(connection, Duration.ofSeconds(5), timer)) {
      OutgoingMessage big = withHeader(event(orders, "orders.Placed", "k1", "k1:1"), 140_000);
      // Straight to the client, past the transport's own check: the client refuses it after numbering it.
      CompletableFuture<Void> refused = publisher.send(route, Properties.of(big), big.body(), false);
      assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
          .hasMessageContaining("Content headers exceeded max frame size");

      for (int i = 2; i <= 3; i++) {
        OutgoingMessage next = event(orders, "orders.Placed", "k" + i, "k" + i + ":1");
        publisher.send(route, Properties.of(next), next.body(), false).get(10, TimeUnit.SECONDS);
      }
    } finally {
      timer.shutdownNow();
    }
  }
}
