package io.whizbang.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.outgoing.OutgoingEnvelope;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import io.whizbang.runtime.testfixtures.Messages.Unregistered;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.transport.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The consumer stages: decode, dispatch, failure handling, extra stages, and settling per key. */
class ConsumerPipelineTest {

  private final MessageRouter router = MessageRouter.of(List.of(new OrdersFixtureModule(),
      new ShippingFixtureModule()));
  private final EnvelopeFactory factory = new EnvelopeFactory(router, "orders", Set.of("orders"),
      Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC));
  private final List<List<OutgoingEnvelope>> published = new ArrayList<>();
  private final List<String> handled = new ArrayList<>();

  /** Handles "orders.PlaceOrder"; fails when the partition key starts with "fail"; emits two messages. */
  private final MessageDispatcher dispatcher = new MessageDispatcher() {
    @Override
    public String handlerName() {
      return "test-handler";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of("orders.PlaceOrder");
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) {
      handled.add(envelope.partitionKey());
      context.publish(new OrderPlaced(envelope.partitionKey(), "c", 0));
      context.send(new ShipOrder(envelope.partitionKey()));
      if (envelope.partitionKey().startsWith("fail")) {
        throw new IllegalStateException("boom");
      }
    }
  };

  private ConsumerPipeline.Builder pipeline() {
    return ConsumerPipeline.builder("orders").dispatchers(List.of(dispatcher)).envelopeFactory(factory)
        .publisher(batch -> {
          published.add(batch);
          return CompletableFuture.completedFuture(null);
        })
        .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(1_000));
  }

  private static FakeDelivery delivery(String wireName, String key, int count) {
    Envelope e = new Envelope(MessageIds.next(), wireName, "orders", key, MessageIds.next(), null, Instant.now(),
        Envelope.NO_POSITION, Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), "{\"orderId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    return new FakeDelivery(EnvelopeCodec.encode(e), key, count);
  }

  @Test
  void aHandledMessageIsAckedAfterItsOutputWasPublishedWithCausation() {
    FakeDelivery d = delivery("orders.PlaceOrder", "k1", 1);
    Envelope handledEnvelope = EnvelopeCodec.decode(d.body());

    pipeline().build().handle(List.of(d));

    assertThat(d.settlement).isEqualTo("ack");
    assertThat(published).hasSize(1);
    List<OutgoingEnvelope> out = published.get(0);
    assertThat(out).extracting(o -> o.envelope().wireName()).containsExactly("orders.OrderPlaced",
        "shipping.ShipOrder");
    assertThat(out).allSatisfy(o -> {
      assertThat(o.envelope().causationId()).isEqualTo(handledEnvelope.messageId());
      assertThat(o.envelope().correlationId()).isEqualTo(handledEnvelope.correlationId());
      assertThat(o.envelope().headers()).containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    });
  }

  @Test
  void aFailingHandlerIsReleasedWithExponentialBackoffAndItsOutputDiscarded() {
    FakeDelivery first = delivery("orders.PlaceOrder", "fail-1", 1);
    FakeDelivery third = delivery("orders.PlaceOrder", "fail-2", 3);
    FakeDelivery tenth = delivery("orders.PlaceOrder", "fail-3", 10);

    pipeline().build().handle(List.of(first, third, tenth));

    assertThat(first.settlement).isEqualTo("release:100");
    assertThat(third.settlement).isEqualTo("release:400");
    assertThat(tenth.settlement).as("capped").isEqualTo("release:1000");
    assertThat(published).isEmpty();
  }

  @Test
  void afterAReleaseTheLaterMessagesOfThatKeyInTheBatchAreReleasedUnhandled() {
    FakeDelivery failing = delivery("orders.PlaceOrder", "fail-a", 1);
    FakeDelivery sameKey = delivery("orders.PlaceOrder", "fail-a", 1);
    FakeDelivery otherKey = delivery("orders.PlaceOrder", "b", 1);

    pipeline().build().handle(List.of(failing, sameKey, otherKey));

    assertThat(failing.settlement).isEqualTo("release:100");
    assertThat(sameKey.settlement).isEqualTo("release:100");
    assertThat(otherKey.settlement).isEqualTo("ack");
    assertThat(handled).containsExactly("fail-a", "b");
  }

  @Test
  void anUndecodableDeliveryIsAcknowledgedAsDroppedAndTheBatchGoesOn() {
    FakeDelivery garbage = new FakeDelivery("not json".getBytes(StandardCharsets.UTF_8), "k", 1);
    FakeDelivery good = delivery("orders.PlaceOrder", "k", 1);

    pipeline().build().handle(List.of(garbage, good));

    assertThat(garbage.settlement).isEqualTo("ack");
    assertThat(good.settlement).isEqualTo("ack");
    assertThat(handled).containsExactly("k");
  }

  @Test
  void aWireNameNoHandlerHandlesIsAcknowledgedAsDropped() {
    FakeDelivery stray = delivery("orders.Unknown", "k", 1);

    pipeline().build().handle(List.of(stray));

    assertThat(stray.settlement).isEqualTo("ack");
    assertThat(handled).isEmpty();
  }

  @Test
  void aHandlerSendingAnUnregisteredTypeIsRetriedNotDroppedAsPoison() {
    MessageDispatcher buggy = new MessageDispatcher() {
      @Override
      public String handlerName() {
        return "buggy";
      }

      @Override
      public Set<String> wireNames() {
        return Set.of("orders.PlaceOrder");
      }

      @Override
      public void dispatch(Envelope envelope, HandlerContext context) {
        context.send(new Unregistered("x"));
      }
    };
    FakeDelivery d = delivery("orders.PlaceOrder", "k", 1);

    pipeline().dispatchers(List.of(buggy)).build().handle(List.of(d));

    assertThat(d.settlement).isEqualTo("release:100");
  }

  @Test
  void aFailedPublishOfTheHandlersOutputReleasesTheMessage() {
    FakeDelivery d = delivery("orders.PlaceOrder", "k", 1);
    ConsumerPipeline p = pipeline()
        .publisher(batch -> CompletableFuture.failedFuture(new IllegalStateException("broker down")))
        .build();

    p.handle(List.of(d));

    assertThat(d.settlement).isEqualTo("release:100");
  }

  @Test
  void extraStagesRunBetweenDecodingAndDispatchInOrder() {
    List<String> trace = new ArrayList<>();
    ConsumerPipeline p = pipeline()
        .stage((message, next) -> {
          trace.add("outer sees " + message.envelope().wireName());
          Disposition d = next.proceed(message);
          trace.add("outer after " + d);
          return d;
        })
        .stage((message, next) -> {
          trace.add("inner");
          return next.proceed(message);
        })
        .build();

    p.handle(List.of(delivery("orders.PlaceOrder", "k", 1)));

    assertThat(trace).containsExactly("outer sees orders.PlaceOrder", "inner", "outer after ack");
    assertThat(handled).containsExactly("k");
  }

  @Test
  void aStageCanSkipDispatchAsAnInboxDoesForDuplicates() {
    FakeDelivery d = delivery("orders.PlaceOrder", "k", 2);
    ConsumerPipeline p = pipeline().stage((message, next) -> Disposition.ack()).build();

    p.handle(List.of(d));

    assertThat(d.settlement).isEqualTo("ack");
    assertThat(handled).isEmpty();
  }

  @Test
  void aStageCanRedirectTheHandlersOutputToItsOwnPublisher() {
    List<OutgoingEnvelope> inTransaction = new ArrayList<>();
    ConsumerPipeline p = pipeline().stage((message, next) -> {
      message.put(Incoming.PUBLISHER, batch -> {
        inTransaction.addAll(batch);
        return CompletableFuture.completedFuture(null);
      });
      return next.proceed(message);
    }).build();

    p.handle(List.of(delivery("orders.PlaceOrder", "k", 1)));

    assertThat(inTransaction).hasSize(2);
    assertThat(published).as("the default publisher is bypassed").isEmpty();
  }

  @Test
  void aStageThatThrowsIsHandledByTheFailureStage() {
    FakeDelivery d = delivery("orders.PlaceOrder", "k", 1);
    ConsumerPipeline p = pipeline().stage((message, next) -> {
      throw new java.sql.SQLException("database down");
    }).build();

    p.handle(List.of(d));

    assertThat(d.settlement).isEqualTo("release:100");
  }

  @Test
  void everyDeliveryOfABatchIsSettledExactlyOnce() {
    List<Delivery> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(delivery("orders.PlaceOrder", (i % 3 == 0 ? "fail-" : "ok-") + (i % 4), 1));
    }

    pipeline().build().handle(batch);

    assertThat(batch).allSatisfy(d -> assertThat(((FakeDelivery) d).settlement).isNotNull());
  }
}
