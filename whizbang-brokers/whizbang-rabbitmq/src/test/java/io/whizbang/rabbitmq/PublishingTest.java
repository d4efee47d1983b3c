package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishingTest extends BrokerTestBase {

  @Test
  void futuresCompleteOnceTheBrokerHoldsTheMessages() throws Exception {
    String orders = domain("orders");
    String billing = subscriber("billing");
    RabbitMqTransport transport = transport();
    transport.subscribe(events(billing, orders, 1, "orders.Placed"), batch -> { }).close();

    List<CompletableFuture<Void>> futures = transport.publish(List.of(
        event(orders, "orders.Placed", "o-1", "a"), event(orders, "orders.Placed", "o-2", "b")));

    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    assertThat(Broker.readyCount(names.subscriberQueue(billing))).isEqualTo(2);
  }

  @Test
  void anEventNoQueueIsBoundForFailsItsFutureWhenConfiguredSo() {
    String orders = domain("orders");
    RabbitMqTransport transport = transport(b -> b.failUnroutableEvents(true));

    CompletableFuture<Void> future = transport.publish(List.of(event(orders, "orders.Placed", "o-1", "a"))).get(0);

    assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(RabbitMqPublishException.class)
        .hasMessageContaining("unroutable")
        .hasMessageContaining(names.eventsExchange(orders))
        .hasMessageContaining("orders.Placed");
  }

  @Test
  void anEventNobodySubscribesToIsPublishedToNoOneAndCounted() throws Exception {
    String orders = domain("orders");
    RabbitMqTransport transport = transport();

    CompletableFuture<Void> future = transport.publish(List.of(event(orders, "orders.Placed", "o-1", "a"))).get(0);

    assertThat(future.get(20, TimeUnit.SECONDS)).isNull();
    assertThat(transport.stats().detail("unroutable")).isEqualTo(1);
  }

  @Test
  void aCommandNoQueueTakesFailsItsFuture() throws Exception {
    String payments = domain("payments");
    RabbitMqTransport transport = transport();
    transport.publish(List.of(command(payments, "payments.Charge", "p-1", 0, "declares the queue"))).get(0)
        .get(20, TimeUnit.SECONDS);
    Broker.delete(List.of(names.commandQueue(payments)), List.of());

    CompletableFuture<Void> future =
        transport.publish(List.of(command(payments, "payments.Charge", "p-1", 0, "lost?"))).get(0);

    assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS)).cause()
        .isInstanceOf(RabbitMqPublishException.class)
        .hasMessageContaining("unroutable")
        .hasMessageContaining(names.commandQueue(payments));
  }

  @Test
  void aCommandWaitsInItsDomainQueueBeforeTheOwnerEverStarted() throws Exception {
    String payments = domain("payments");
    RabbitMqTransport transport = transport();

    transport.publish(List.of(command(payments, "payments.Charge", "p-1", 0, "charge"))).get(0)
        .get(20, TimeUnit.SECONDS);

    assertThat(Broker.readyCount(names.commandQueue(payments))).isEqualTo(1);
  }

  @Test
  void aMessageTheBrokerRefusesFailsItsFuture() throws Exception {
    String orders = domain("orders");
    String full = prefix + "full";
    RabbitMqTransport transport = transport();
    try (Connection admin = Broker.factory().newConnection()) {
      Channel channel = admin.createChannel();
      channel.exchangeDeclare(names.eventsExchange(orders), "topic", true);
      // A full queue that rejects new messages makes the broker nack the publish.
      channel.queueDeclare(full, true, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
      channel.queueBind(full, names.eventsExchange(orders), "#");

      List<CompletableFuture<Void>> futures = transport.publish(List.of(
          event(orders, "orders.Placed", "o-1", "fits"), event(orders, "orders.Placed", "o-2", "refused")));

      assertThat(futures.get(0).get(20, TimeUnit.SECONDS)).isNull();
      assertThatThrownBy(() -> futures.get(1).get(20, TimeUnit.SECONDS))
          .cause().isInstanceOf(RabbitMqPublishException.class).hasMessageContaining("refused (nack)")
          .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).as("a full queue is unavailability")
              .isFalse());
    } finally {
      Broker.delete(List.of(full), List.of());
    }
  }

  @Test
  void metadataTravelsAsAmqpPropertiesAndHeaders() throws Exception {
    String orders = domain("orders");
    String audit = subscriber("audit");
    RabbitMqTransport transport = transport();
    transport.subscribe(events(audit, orders, 1, "orders.Placed"), batch -> { }).close();
    UUID id = UUID.randomUUID();
    String correlation = UUID.randomUUID().toString();
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    OutgoingMessage message = new OutgoingMessage(id, "orders.Placed", Destination.events(orders), "o-7", 3,
        Map.of(BrokerHeaders.CORRELATION_ID, correlation, BrokerHeaders.TRACEPARENT, traceparent),
        Recorder.text("{\"envelope\":1}"));

    transport.publish(List.of(message)).get(0).get(20, TimeUnit.SECONDS);

    try (Connection admin = Broker.factory().newConnection()) {
      GetResponse got = admin.createChannel().basicGet(names.subscriberQueue(audit), true);
      assertThat(got).isNotNull();
      assertThat(got.getProps().getMessageId()).isEqualTo(id.toString());
      assertThat(got.getProps().getType()).isEqualTo("orders.Placed");
      assertThat(got.getProps().getCorrelationId()).isEqualTo(correlation);
      assertThat(got.getProps().getPriority()).isEqualTo(3);
      assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
      assertThat(got.getProps().getHeaders().get("traceparent")).hasToString(traceparent);
      assertThat(got.getProps().getHeaders().get(Properties.PARTITION_KEY)).hasToString("o-7");
      assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("orders.Placed");
      assertThat(new String(got.getBody())).isEqualTo("{\"envelope\":1}");
    }
  }

  @Test
  void withProvisioningOffAMissingExchangeIsNamedInTheFailure() {
    String orders = domain("orders");
    RabbitMqTransport transport = transport(b -> b.provisioning(false));

    CompletableFuture<Void> future = transport.publish(List.of(event(orders, "orders.Placed", "o-1", "a"))).get(0);

    assertThat(future).isCompletedExceptionally();
    assertThatThrownBy(future::join).cause()
        .isInstanceOf(WhizbangException.class)
        .hasMessageContaining("exchange '" + names.eventsExchange(orders) + "' does not exist")
        .hasMessageContaining("provisioning is off");
  }

  @Test
  void withProvisioningOffAMissingQueueIsNamedWhenSubscribing() {
    String orders = domain("orders");
    RabbitMqTransport transport = transport(b -> b.provisioning(false));

    assertThatThrownBy(() -> transport.subscribe(commands("orders-service", orders, 1), batch -> { }))
        .isInstanceOf(WhizbangException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("provisioning is off");
  }

  @Test
  void aQueueDeclaredWithOtherSettingsIsReportedWithTheWayOut() {
    String orders = domain("orders");
    transport(b -> b.maxPriority(5)).publish(List.of(command(orders, "orders.Cancel", "o-1", 0, "x"))).get(0).join();
    RabbitMqTransport other = transport(b -> b.maxPriority(9));

    CompletableFuture<Void> future = other.publish(List.of(command(orders, "orders.Cancel", "o-1", 0, "y"))).get(0);

    assertThatThrownBy(future::join).cause()
        .hasMessageContaining("queue '" + names.commandQueue(orders) + "' exists")
        .hasMessageContaining("maxPriority");
  }

  @Test
  void anUnreachableBrokerIsAClearError() {
    assertThatThrownBy(() -> RabbitMqTransport.connect(RabbitMqConfig.builder().host("127.0.0.1").port(1).build()))
        .isInstanceOf(WhizbangException.class)
        .hasMessageContaining("cannot connect to RabbitMQ at 127.0.0.1:1")
        .hasMessageContaining("start-rabbitmq.sh");
  }
}
