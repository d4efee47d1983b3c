package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.testfixtures.HoldingHandler;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code Subscription.backlog()}: the ready messages of every queue the subscription consumes. */
class BacklogTest extends BrokerTestBase {

  @Test
  void theBacklogIsTheReadyMessagesOfTheEventAndCommandQueuesAndFallsToZero() throws Exception {
    String orders = domain("orders");
    String billing = subscriber("billing");
    RabbitMqTransport transport = transport(b -> b.prefetch(1));
    HoldingHandler handler = new HoldingHandler();
    SubscriptionRequest both = new SubscriptionRequest(billing, List.of(
        new SubscriptionRequest.Source(Destination.events(orders), Set.of("orders.Placed")),
        new SubscriptionRequest.Source(Destination.commands(orders), Set.of("orders.Place"))), 1);
    Subscription subscription = transport.subscribe(both, handler);

    List<OutgoingMessage> messages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      messages.add(event(orders, "orders.Placed", "e" + i, "event " + i));
      messages.add(command(orders, "orders.Place", "c" + i, 0, "command " + i));
    }
    ConsumingTest.publishAll(transport, messages);

    // With a prefetch of 1 each queue's channel holds one message unacknowledged: the other 8 are ready.
    assertThat(Recorder.await(WAIT, () -> subscription.backlog().equals(OptionalLong.of(8))))
        .as("a backlog of 8, was %s", subscription.backlog()).isTrue();

    handler.release();
    assertThat(Recorder.await(WAIT, () -> handler.acknowledged() == 10)).isTrue();
    assertThat(Recorder.await(WAIT, () -> subscription.backlog().equals(OptionalLong.of(0))))
        .as("a backlog of 0 after the drain, was %s", subscription.backlog()).isTrue();
  }
}
