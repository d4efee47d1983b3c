package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.internal.inbox.OutgoingFactory;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The service's subscriptions handed to the inbox-guarded consumer through the consumer factory, on H2. */
class WhizbangInboxIntegrationTest {

  @Test
  void aRedeliveredCommandIsHandledOnceAndItsConsequencesGoToTheOutboxWithCorrelation() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:k" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    SqlStorage storage = SqlStorage.builder(h2).build();
    storage.migrate();
    InMemoryTransport transport = new InMemoryTransport();
    Journal journal = new Journal();
    AtomicReference<InboxConsumer> inbox = new AtomicReference<>();

    try (Whizbang orders = Whizbang.builder().service("orders")
        .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(journal)))))
        .transport(transport)
        .consumers(spec -> {
          InboxConsumer consumer = InboxConsumer.builder(storage, spec.subscriberId())
              .dispatchers(spec.dispatchers())
              .outgoing(OutgoingFactory.from(spec.envelopes()))
              .build();
          inbox.set(consumer);
          return (DeliveryHandler) consumer;
        })
        .build().start()) {

      // The same message published twice, as a relay does after a crash between publish and mark.
      OutgoingMessage place = new io.whizbang.runtime.outgoing.EnvelopeFactory(
          orders.router(), "client", java.util.Set.of(), java.time.Clock.systemUTC())
          .command(new PlaceOrder("o-1", "ada", 0), null).toOutgoingMessage();
      transport.publish(List.of(place)).get(0).join();
      transport.publish(List.of(place)).get(0).join();

      Await.until(() -> inbox.get().stats().handled() + inbox.get().stats().duplicates() == 2, "both deliveries");
      assertThat(journal.calls(OrderHandlers.NAME)).hasSize(1);
      assertThat(inbox.get().stats().duplicates()).isEqualTo(1);

      List<Envelope> outbox = outboxEnvelopes(h2, StorageInternals.tables(storage).table("outbox"));
      assertThat(outbox).extracting(Envelope::wireName)
          .containsExactlyInAnyOrder("orders.OrderPlaced", "shipping.ShipOrder");
      assertThat(outbox).allSatisfy(e -> {
        assertThat(e.causationId()).isEqualTo(place.messageId());
        assertThat(e.correlationId()).isEqualTo(place.messageId());
      });
    } finally {
      transport.close();
    }
  }

  private static List<Envelope> outboxEnvelopes(JdbcDataSource db, String table) throws Exception {
    List<Envelope> out = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select body from " + table)) {
      while (r.next()) {
        out.add(EnvelopeCodec.decode(r.getBytes(1)));
      }
    }
    return out;
  }
}
