package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Journal.Call;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import io.whizbang.runtime.testfixtures.OrderAnalyticsFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingHandlers;
import io.whizbang.runtime.testfixtures.ShippingHandlersFixtureDispatcher;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two services and a projection on one in-memory transport, wired from hand-written stand-ins of generated code. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WhizbangEndToEndTest {

  private final InMemoryTransport transport = new InMemoryTransport();
  private final Journal journal = new Journal();
  private final List<Whizbang> services = new ArrayList<>();

  @AfterEach
  void closeAll() {
    services.forEach(Whizbang::close);
    transport.close();
  }

  private Whizbang orders(OrderHandlers handlers) {
    return started(Whizbang.builder()
        .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .service("orders")
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(handlers))))
        .handlers(HandlerSet.of(List.of(new OrderAnalyticsFixtureDispatcher(journal))))
        .transport(transport)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
  }

  private Whizbang shipping() {
    return started(Whizbang.builder()
        .module(new ShippingFixtureModule()).module(new OrdersFixtureModule())
        .service("shipping")
        .owns("shipping")
        .handlers(HandlerSet.of(List.of(new ShippingHandlersFixtureDispatcher(new ShippingHandlers(journal)))))
        .transport(transport));
  }

  private Whizbang started(WhizbangBuilder builder) {
    Whizbang w = builder.build().start();
    services.add(w);
    return w;
  }

  @Test
  void aCommandSentByAnotherServiceReachesItsOwnerAndTheConsequencesFlowOn() {
    orders(new OrderHandlers(journal));
    Whizbang shipping = shipping();

    shipping.send(new PlaceOrder("o-1", "ada", 0)).join();

    Await.until(() -> journal.count(c -> c.message() instanceof OrderPlaced) == 2, "OrderPlaced at shipping and "
        + "the projection");
    Await.until(() -> !journal.calls(ShippingHandlers.NAME).stream()
        .filter(c -> c.message() instanceof ShipOrder).toList().isEmpty(), "ShipOrder handled");
    assertThat(journal.calls(OrderHandlers.NAME)).singleElement()
        .satisfies(c -> assertThat(c.message()).isEqualTo(new PlaceOrder("o-1", "ada", 0)));
    assertThat(journal.calls(OrderAnalyticsFixtureDispatcher.NAME)).singleElement()
        .satisfies(c -> assertThat(c.message()).isEqualTo(new OrderPlaced("o-1", "ada", 0)));
  }

  @Test
  void correlationIsInheritedAndCausationPointsAtTheHandledMessage() {
    orders(new OrderHandlers(journal));
    shipping();
    Whizbang client = started(Whizbang.builder().service("client").module(new OrdersFixtureModule())
        .transport(transport));

    client.send(new PlaceOrder("o-2", "bob", 0)).join();
    Await.until(() -> journal.count(c -> c.message() instanceof ShipOrder) == 1
        && journal.count(c -> c.message() instanceof OrderPlaced) == 2, "the whole flow");

    Envelope place = journal.calls(OrderHandlers.NAME).get(0).envelope();
    Envelope placed = only(OrderAnalyticsFixtureDispatcher.NAME, OrderPlaced.class).envelope();
    Envelope ship = only(ShippingHandlers.NAME, ShipOrder.class).envelope();
    assertThat(place.correlationId()).as("an original correlates with itself").isEqualTo(place.messageId());
    assertThat(place.causationId()).isNull();
    assertThat(placed.correlationId()).isEqualTo(place.messageId());
    assertThat(placed.causationId()).isEqualTo(place.messageId());
    assertThat(ship.correlationId()).isEqualTo(place.messageId());
    assertThat(ship.causationId()).isEqualTo(place.messageId());
    assertThat(placed.messageId()).isNotEqualTo(ship.messageId());
    assertThat(placed.messageId().version()).isEqualTo(7);
    assertThat(placed.partitionKey()).isEqualTo("o-2");
    assertThat(placed.domain()).isEqualTo("orders");
    assertThat(MessageIds.timestampOf(placed.messageId())).isBeforeOrEqualTo(placed.occurredAt().plusSeconds(60));
  }

  @Test
  void eachEventReachesEverySubscribingServiceOnceAndCompetingInstancesShareIt() {
    Whizbang orders = orders(new OrderHandlers(journal));
    shipping();
    shipping(); // a second instance of the same service competes for the same copy

    for (int i = 0; i < 40; i++) {
      orders.publish(new OrderPlaced("o-" + i, "c", i)).join();
    }

    Await.until(() -> journal.calls(OrderAnalyticsFixtureDispatcher.NAME).size() == 40, "projection copy");
    Await.until(() -> journal.count(c -> c.handler().equals(ShippingHandlers.NAME)
        && c.message() instanceof OrderPlaced) == 40, "shipping copy");
    quietly(200);
    assertThat(journal.calls(OrderAnalyticsFixtureDispatcher.NAME)).hasSize(40);
    assertThat(journal.count(c -> c.handler().equals(ShippingHandlers.NAME) && c.message() instanceof OrderPlaced))
        .as("shipping's two instances together handle each event once").isEqualTo(40);
  }

  @Test
  void aFailingHandlerIsRetriedAndWhatItEmittedBeforeFailingIsDiscarded() {
    orders(new OrderHandlers(journal).failFirst("o-9", 2));
    Whizbang shipping = shipping();

    shipping.send(new PlaceOrder("o-9", "eve", 0)).join();

    Await.until(() -> journal.count(c -> c.message() instanceof ShipOrder) == 1, "ShipOrder after the retries");
    quietly(200);
    List<Call> attempts = journal.calls(OrderHandlers.NAME);
    assertThat(attempts).hasSize(3);
    assertThat(attempts).extracting(c -> c.envelope().messageId()).containsOnly(attempts.get(0).envelope()
        .messageId());
    assertThat(journal.count(c -> c.message() instanceof ShipOrder)).as("only the successful attempt's command")
        .isEqualTo(1);
    assertThat(journal.calls(OrderAnalyticsFixtureDispatcher.NAME)).as("only the successful attempt's event")
        .hasSize(1);
  }

  @Test
  void commandsOfOneOrderAreHandledInSendOrderWhileOrdersRunInParallel() {
    orders(new OrderHandlers(journal));
    Whizbang client = started(Whizbang.builder().service("client").module(new OrdersFixtureModule())
        .transport(transport));

    List<java.util.concurrent.CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      sent.add(client.send(new PlaceOrder("order-" + (i % 8), "c", i / 8)));
    }
    sent.forEach(java.util.concurrent.CompletableFuture::join);

    Await.until(() -> journal.calls(OrderHandlers.NAME).size() == 400, "400 commands handled");
    Map<String, List<Integer>> seqByOrder = new HashMap<>();
    for (Call c : journal.calls(OrderHandlers.NAME)) {
      PlaceOrder p = (PlaceOrder) c.message();
      seqByOrder.computeIfAbsent(p.orderId(), k -> new ArrayList<>()).add(p.seq());
    }
    assertThat(seqByOrder).hasSize(8);
    seqByOrder.forEach((order, seqs) -> assertThat(seqs).as(order).isSorted().hasSize(50).doesNotHaveDuplicates());
  }

  @Test
  void stoppingOneInstanceMidStreamLosesNothingAndKeepsEachOrderInSequence() {
    Whizbang first = orders(new OrderHandlers(journal));
    orders(new OrderHandlers(journal));
    Whizbang client = started(Whizbang.builder().service("client").module(new OrdersFixtureModule())
        .transport(transport));

    for (int i = 0; i < 600; i++) {
      client.send(new PlaceOrder("order-" + (i % 12), "c", i / 12));
    }
    Await.until(() -> journal.calls(OrderHandlers.NAME).size() >= 100, "some commands handled");
    first.close();

    Await.until(() -> journal.calls(OrderHandlers.NAME).stream().map(Call::message).distinct().count() == 600,
        "every command handled after one instance stopped");
    Map<String, List<Integer>> firstSeen = new HashMap<>();
    journal.calls(OrderHandlers.NAME).stream().map(c -> (PlaceOrder) c.message()).distinct()
        .forEach(p -> firstSeen.computeIfAbsent(p.orderId(), k -> new ArrayList<>()).add(p.seq()));
    firstSeen.forEach((order, seqs) -> assertThat(seqs).as(order).isSorted().hasSize(50));
  }

  @Test
  void anUndecodableMessageIsDroppedWithAnErrorAndTheConsumerGoesOn() {
    orders(new OrderHandlers(journal));
    Whizbang client = started(Whizbang.builder().service("client").module(new OrdersFixtureModule())
        .transport(transport));
    OutgoingMessage garbage = new OutgoingMessage(MessageIds.next(), "orders.PlaceOrder",
        Destination.commands("orders"), "o-x", 0, Map.of(), "{\"id\":\"not-an-envelope\"".getBytes());

    transport.publish(List.of(garbage)).get(0).join();
    client.send(new PlaceOrder("o-x", "after-garbage", 1)).join();

    Await.until(() -> journal.calls(OrderHandlers.NAME).size() == 1, "the message after the garbage");
    assertThat(((PlaceOrder) journal.calls(OrderHandlers.NAME).get(0).message()).customer())
        .isEqualTo("after-garbage");
  }

  @Test
  void aPayloadTheCodecRejectsIsDroppedAndTheKeyIsNotBlocked() {
    orders(new OrderHandlers(journal));
    Whizbang client = started(Whizbang.builder().service("client").module(new OrdersFixtureModule())
        .transport(transport));
    Envelope bad = new Envelope(MessageIds.next(), "orders.PlaceOrder", "orders", "o-y", MessageIds.next(), null,
        java.time.Instant.now(), Envelope.NO_POSITION, Map.of(), "{\"customer\":\"no order id\"}".getBytes());
    transport.publish(List.of(new io.whizbang.runtime.outgoing.OutgoingEnvelope(bad, Destination.commands("orders"),
        0).toOutgoingMessage())).get(0).join();

    client.send(new PlaceOrder("o-y", "good", 1)).join();

    Await.until(() -> journal.calls(OrderHandlers.NAME).size() == 1, "the good message");
  }

  private Call only(String handler, Class<?> type) {
    List<Call> calls = journal.calls(handler).stream().filter(c -> type.isInstance(c.message())).toList();
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  private static void quietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
