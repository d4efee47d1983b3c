package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A scheduled command that falls due while the broker is stopped (the fault suite's dedicated node, stopped for
 * real) waits in the outbox and arrives, once, after the broker is back.
 */
class ScheduledDeliveryOutageTest extends BrokerTestBase {

  @Test
  void aCommandDueWhileTheBrokerIsDownArrivesOnceItIsBack() throws Exception {
    FaultNode node = FaultNode.require();
    PGSimpleDataSource postgres = Postgres.require();
    String schema = "wbout_" + prefix.replace("wbtest.", "").replace(".", "");
    SqlStorage storage = SqlStorage.builder(postgres).schema(schema).build();
    Recorder recorder = new Recorder();
    try (RabbitMqTransport transport = RabbitMqTransport.connect(node.config(prefix)
        .recoveryInterval(Duration.ofMillis(250)).confirmTimeout(Duration.ofSeconds(5)).build());
        Whizbang orders = Whizbang.builder().module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
            .service("orders").transport(transport)
            .storage(storage, s -> s.relay(RelayConfig.builder().publishInterval(Duration.ofMillis(200)).build()))
            .build().start()) {
      transport.subscribe(commands("shipping-rx", "shipping", 1, "shipping.ShipOrder"), recorder);
      ScheduledMessage handle = orders.send(new ShipOrder("due-during-outage"),
          SendOptions.defaults().deliverAfter(Duration.ofSeconds(6))).join();

      node.stop();
      assertThat(Instant.now()).as("stopped before the command was due").isBefore(handle.dueAt());
      Recorder.quiet(Duration.between(Instant.now(), handle.dueAt()).plusSeconds(1));   // due while down
      assertThat(recorder.size()).isZero();
      node.start();

      assertThat(Recorder.await(Duration.ofSeconds(60), () -> recorder.size() == 1)).isTrue();
      Instant arrived = Instant.now();
      Recorder.quiet(Duration.ofMillis(500));
      assertThat(recorder.size()).as("delivered once").isEqualTo(1);
      assertThat(arrived).isAfter(handle.dueAt());
    } finally {
      try {
        node.delete(List.of(names.subscriberQueue("shipping-rx"), names.commandQueue("shipping"),
            names.deadLetterQueue()), List.of(names.deadLetterExchange()));
      } catch (IllegalStateException stillDown) {
        // the test failed while the node was stopped: its names are unique to this run, nothing else sees them
      }
      node.stopAndRelease();
      Postgres.execute(postgres, "drop schema if exists " + schema + " cascade");
    }
  }
}
