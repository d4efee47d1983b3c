package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.Inbox;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.sql.SqlHeaders;
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
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.TransportLimitException;
import io.whizbang.runtime.transport.TransportLimits;
import io.whizbang.runtime.transport.TransportStats;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A service whose transport declares small header limits: what its handlers and callers produce is checked where
 * it is produced (outbox or direct publish), and what an upstream sent in its headers travels onward only capped.
 */
class HeaderLimitsServiceTest {

  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  /** Room for the standard broker headers (ids, type, domain, trace context), not for a 2,000-character key. */
  static final TransportLimits LIMITS = TransportLimits.of("Test broker header frame 2048")
      .withMaxHeaderBytes(2048).withBytesPerHeader(6);

  /** The in-memory transport, declaring {@link #LIMITS} as a broker adapter declares its own. */
  static final class LimitedTransport implements Transport {
    final InMemoryTransport delegate = new InMemoryTransport();

    @Override public String name() {
      return "limited-in-memory";
    }

    @Override public TransportLimits limits() {
      return LIMITS;
    }

    @Override public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
      return delegate.publish(batch);
    }

    @Override public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
      return delegate.subscribe(request, handler);
    }

    @Override public TransportStats stats() {
      return delegate.stats();
    }

    @Override public void close() {
      delegate.close();
    }
  }

  private static SqlStorage h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:l" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    return SqlStorage.builder(h2).build();
  }

  private static Whizbang orders(SqlStorage storage, LimitedTransport transport, Journal journal) {
    var builder = Whizbang.builder().service("orders")
        .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(journal)))))
        .transport(transport);
    if (storage != null) {
      builder.storage(storage, s -> s.withoutRelay().inbox(b -> b.retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(2)
          .initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(20)).build())));
    }
    return builder.build().start();
  }

  /** A PlaceOrder as an upstream service sent it, with {@code headers} in its envelope. */
  private static OutgoingMessage upstream(Whizbang service, String orderId, Map<String, String> headers) {
    Envelope plain = new EnvelopeFactory(service.router(), "upstream", Set.of(), Clock.systemUTC())
        .command(new PlaceOrder(orderId, "ada", 0), null).envelope();
    Envelope sent = new Envelope(plain.messageId(), plain.wireName(), plain.domain(), plain.partitionKey(),
        plain.correlationId(), null, plain.occurredAt(), Envelope.NO_POSITION, headers, plain.payload());
    return new OutgoingMessage(sent.messageId(), sent.wireName(), service.router().destinationOf(
        service.router().typeOf(new PlaceOrder(orderId, "ada", 0))), orderId, 0, Map.of(),
        EnvelopeCodec.encode(sent));
  }

  @Test
  void aHandlerWhoseEventWouldExceedTheLimitsCommitsNothingAndEndsAsADeadLetterSayingWhy() throws Exception {
    SqlStorage storage = h2();
    LimitedTransport transport = new LimitedTransport();
    String longKey = "o-" + "7".repeat(2000);
    try (Whizbang orders = orders(storage, transport, new Journal())) {
      // Straight onto the broker, as another service's relay would: the command itself is not this service's.
      transport.delegate.publish(List.of(upstream(orders, longKey, Map.of()))).get(0).join();

      Inbox inbox = orders.inbox("orders").orElseThrow();
      Await.until(() -> inbox.stats().deadLettered() == 1, "the failing run parked");
      DeadLetter parked = inbox.deadLetters().list(0, 10).get(0);
      assertThat(parked.reason())
          .contains("exceeds the limits of the transport (Test broker header frame 2048): its headers are")
          .contains("over the 2048 bytes of headers it allows; its largest header, 'wb-partition-key', is 2024"
              + " bytes. It was not written to the outbox");
      // Each run was rolled back: neither of its two messages (OrderPlaced, ShipOrder with a short-enough
      // envelope but the same key) was stored. The dead letter keeps the command for a replay once fixed.
      assertThat(count(storage, "outbox")).as("no row of the runs' messages").isZero();
      assertThat(parked.messageId()).isNotNull();
    } finally {
      transport.close();
    }
  }

  @Test
  void aCallersMessageOverTheLimitsIsRefusedInTheCallersTransactionAndOnTheDirectPath() throws Exception {
    SqlStorage storage = h2();
    LimitedTransport transport = new LimitedTransport();
    PlaceOrder tooLong = new PlaceOrder("o-" + "7".repeat(2000), "ada", 0);
    try (Whizbang orders = orders(storage, transport, new Journal());
        Connection c = storage.dataSource().getConnection()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> orders.send(c, tooLong))
          .isInstanceOf(TransportLimitException.class)
          .hasMessageContaining("orders.PlaceOrder")
          .hasMessageContaining("'wb-partition-key', is 2024 bytes");
      c.rollback();
      assertThatThrownBy(() -> orders.send(tooLong).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(TransportLimitException.class);
      assertThat(count(storage, "outbox")).isZero();
    } finally {
      transport.close();
    }

    LimitedTransport direct = new LimitedTransport();
    try (Whizbang orders = orders(null, direct, new Journal())) {
      assertThatThrownBy(() -> orders.send(tooLong).join())
          .hasCauseInstanceOf(TransportLimitException.class)
          .hasMessageContaining("It was not sent, nor any message produced with it");
      assertThat(direct.stats().published()).as("nothing reached the broker").isZero();
      orders.send(new PlaceOrder("o-1", "ada", 0)).join();
      assertThat(direct.stats().published()).isPositive();
    } finally {
      direct.close();
    }
  }

  @Test
  void onlyACappedTraceContextOfAnUpstreamsHeadersTravelsOnward() throws Exception {
    SqlStorage storage = h2();
    LimitedTransport transport = new LimitedTransport();
    Map<String, String> hostile = new LinkedHashMap<>();
    hostile.put(BrokerHeaders.TRACEPARENT, TRACEPARENT);
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      members.add("vendor" + i + "=" + "v".repeat(40));
    }
    hostile.put(BrokerHeaders.TRACESTATE, String.join(",", members));
    hostile.put("x-upstream-baggage", "b".repeat(200_000));
    try (Whizbang orders = orders(storage, transport, new Journal())) {
      transport.delegate.publish(List.of(upstream(orders, "o-9", hostile))).get(0).join();

      Inbox inbox = orders.inbox("orders").orElseThrow();
      Await.until(() -> inbox.stats().handled() == 1, "the command handled");
      List<Map<String, String>> onward = outboxHeaders(storage);
      assertThat(onward).hasSize(2); // OrderPlaced and ShipOrder, both within the 2 KB of the transport
      for (Map<String, String> headers : onward) {
        assertThat(headers).doesNotContainKey("x-upstream-baggage");
        assertThat(headers).containsEntry(BrokerHeaders.TRACEPARENT, TRACEPARENT);
        String state = headers.get(BrokerHeaders.TRACESTATE);
        assertThat(state.length()).isLessThanOrEqualTo(512);
        assertThat(state).startsWith("vendor0=").doesNotContain("vendor10=");
      }
    } finally {
      transport.close();
    }
  }

  private static long count(SqlStorage storage, String table) throws Exception {
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from " + StorageInternals.tables(storage).table(table))) {
      r.next();
      return r.getLong(1);
    }
  }

  private static List<Map<String, String>> outboxHeaders(SqlStorage storage) throws Exception {
    List<Map<String, String>> out = new ArrayList<>();
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select headers from " + StorageInternals.tables(storage).outbox())) {
      while (r.next()) {
        out.add(SqlHeaders.decode(r.getString(1)));
      }
    }
    return out;
  }
}
