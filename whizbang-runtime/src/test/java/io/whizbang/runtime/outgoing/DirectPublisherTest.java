package io.whizbang.runtime.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DirectPublisherTest {

  private final EnvelopeFactory factory = new EnvelopeFactory(MessageRouter.of(List.of(new OrdersFixtureModule())),
      "orders", Set.of("orders"), Clock.systemUTC());

  /** A transport whose confirmations the test completes by hand. */
  private static class ManualTransport implements Transport {
    final List<OutgoingMessage> published = new ArrayList<>();
    final List<CompletableFuture<Void>> confirmations = new ArrayList<>();

    @Override
    public String name() {
      return "manual";
    }

    @Override
    public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
      List<CompletableFuture<Void>> out = new ArrayList<>();
      for (OutgoingMessage m : batch) {
        published.add(m);
        CompletableFuture<Void> f = new CompletableFuture<>();
        confirmations.add(f);
        out.add(f);
      }
      return out;
    }

    @Override
    public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  @Test
  void completesOnlyWhenEveryMessageIsConfirmed() {
    ManualTransport transport = new ManualTransport();
    OutgoingEnvelope a = factory.command(new PlaceOrder("a", "c", 0), null);
    OutgoingEnvelope b = factory.command(new PlaceOrder("b", "c", 0), null);

    CompletableFuture<Void> done = new DirectPublisher(transport).publish(List.of(a, b));

    assertThat(transport.published).extracting(OutgoingMessage::messageId)
        .containsExactly(a.envelope().messageId(), b.envelope().messageId());
    assertThat(EnvelopeCodec.decode(transport.published.get(0).body())).isEqualTo(a.envelope());
    transport.confirmations.get(0).complete(null);
    assertThat(done).isNotDone();
    transport.confirmations.get(1).complete(null);
    assertThat(done).succeedsWithin(Duration.ofSeconds(1));
  }

  @Test
  void failsWhenTheBrokerRefusesOne() {
    ManualTransport transport = new ManualTransport();
    CompletableFuture<Void> done = new DirectPublisher(transport).publish(List.of(
        factory.command(new PlaceOrder("a", "c", 0), null), factory.command(new PlaceOrder("b", "c", 0), null)));

    transport.confirmations.get(0).complete(null);
    transport.confirmations.get(1).completeExceptionally(new IllegalStateException("refused"));

    assertThat(done).failsWithin(Duration.ofSeconds(1)).withThrowableThat().withMessageContaining("refused");
  }

  @Test
  void aTransportThatThrowsGivesAFailedFuture() {
    Transport closed = new ManualTransport() {
      @Override
      public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
        throw new IllegalStateException("closed");
      }
    };
    CompletableFuture<Void> done = new DirectPublisher(closed).publish(List.of(
        factory.command(new PlaceOrder("a", "c", 0), null)));
    assertThat(done).isCompletedExceptionally();
  }

  @Test
  void nothingToPublishIsDoneAtOnce() {
    assertThat(new DirectPublisher(new ManualTransport()).publish(List.of())).isCompleted();
  }
}
