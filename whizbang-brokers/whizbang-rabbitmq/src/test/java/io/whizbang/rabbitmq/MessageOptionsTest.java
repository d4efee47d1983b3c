package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.WhizbangBuilder;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Send options on RabbitMQ through a service: a priority given to a send overtakes a waiting backlog, a time to
 * live makes the queue itself drop the message (to the dead-letter queue), and scheduled commands wait in the
 * outbox until due, across a relay restart, a cancelled one never arriving.
 */
class MessageOptionsTest extends BrokerTestBase {

  /** The order ids of the ShipOrder commands a recorder received, in arrival order. */
  private static List<String> orderIds(Recorder recorder) {
    return recorder.deliveries().stream().map(d -> new String(EnvelopeCodec.decode(d.body()).payload(),
        StandardCharsets.UTF_8).replaceAll(".*\"orderId\":\"([^\"]*)\".*", "$1")).toList();
  }

  private Whizbang sender(RabbitMqTransport transport, SqlStorage storage) {
    WhizbangBuilder b = Whizbang.builder().module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .service("orders").transport(transport);
    if (storage != null) {
      b.storage(storage, s -> s.relay(RelayConfig.builder().publishInterval(Duration.ofMillis(200)).build()));
    }
    return b.build().start();
  }

  @Test
  void aPriorityGivenToASendOvertakesTheBacklogOfAWaitingQueue() {
    String shipping = domain("shipping");
    RabbitMqTransport transport = transport(b -> b.prefetch(1).maxBatch(1));
    try (Whizbang orders = sender(transport, null)) {
      for (int i = 0; i < 10; i++) {
        orders.send(new ShipOrder("low-" + i)).join();
      }
      for (int i = 0; i < 3; i++) {
        orders.send(new ShipOrder("high-" + i), SendOptions.defaults().priority(9)).join();
      }
    }
    Recorder recorder = new Recorder();

    transport.subscribe(commands(subscriber("shipping-rx"), shipping, 1, "shipping.ShipOrder"), recorder);

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 13)).isTrue();
    assertThat(orderIds(recorder).subList(0, 3)).containsExactly("high-0", "high-1", "high-2");
  }

  @Test
  void theQueueDropsAMessageWhoseTimeToLivePassedWhileItWaited() {
    String shipping = domain("shipping");
    RabbitMqTransport transport = transport();
    try (Whizbang orders = sender(transport, null)) {
      orders.send(new ShipOrder("short"), SendOptions.defaults().timeToLive(Duration.ofMillis(300))).join();
      orders.send(new ShipOrder("long"), SendOptions.defaults().timeToLive(Duration.ofHours(1))).join();
    }
    Recorder.quiet(Duration.ofMillis(800));          // the short one expires in the queue, with no consumer
    Recorder recorder = new Recorder();

    transport.subscribe(commands(subscriber("shipping-rx"), shipping, 1, "shipping.ShipOrder"), recorder);

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 1)).isTrue();
    Recorder.quiet(Duration.ofMillis(300));
    assertThat(orderIds(recorder)).containsExactly("long");
    assertThat(Broker.readyCount(names.deadLetterQueue())).as("dead-lettered by the broker as expired").isEqualTo(1);
  }

  @Test
  void scheduledCommandsArriveWhenDueAcrossARelayRestartAndACancelledOneNever() {
    PGSimpleDataSource postgres = Postgres.require();
    String schema = "wbopt_" + prefix.replace("wbtest.", "").replace(".", "");
    SqlStorage storage = SqlStorage.builder(postgres).schema(schema).build();
    String shipping = domain("shipping");
    RabbitMqTransport transport = transport();
    Recorder recorder = new Recorder();
    transport.subscribe(commands(subscriber("shipping-rx"), shipping, 1, "shipping.ShipOrder"), recorder);
    Map<String, ScheduledMessage> handles = new ConcurrentHashMap<>();
    try {
      try (Whizbang orders = sender(transport, storage)) {
        SendOptions inASecond = SendOptions.defaults().deliverAfter(Duration.ofMillis(1500));
        handles.put("kept", orders.send(new ShipOrder("kept"), inASecond).join());
        handles.put("cancelled", orders.send(new ShipOrder("cancelled"), inASecond).join());
        orders.send(new ShipOrder("now")).join();
        assertThat(orders.cancel(handles.get("cancelled"))).isTrue();
        assertThat(Recorder.await(WAIT, () -> recorder.size() == 1)).isTrue();
      }                                              // its relay stops before the schedule is due
      Recorder.quiet(Duration.ofMillis(2000));
      assertThat(orderIds(recorder)).as("nothing published while no relay ran").containsExactly("now");

      try (Whizbang restarted = sender(transport, storage)) {
        assertThat(Recorder.await(WAIT, () -> recorder.size() == 2)).isTrue();
        Instant arrived = Instant.now();
        Recorder.quiet(Duration.ofMillis(500));
        assertThat(orderIds(recorder)).containsExactly("now", "kept");
        assertThat(arrived).isAfterOrEqualTo(handles.get("kept").dueAt());
        assertThat(restarted.cancel(handles.get("kept"))).as("cancel once published").isFalse();
      }
    } finally {
      Postgres.execute(postgres, "drop schema if exists " + schema + " cascade");
    }
  }
}
