package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.testfixtures.CommandsAndEvents;
import io.whizbang.runtime.testfixtures.HoldingHandler;
import io.whizbang.runtime.transport.Subscription;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code Subscription.backlog()}: the ready messages of every queue the subscription consumes. */
class BacklogTest extends BrokerTestBase {

  @Test
  void theBacklogIsTheReadyMessagesOfTheEventAndCommandQueuesAndFallsToZero() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    RabbitMqTransport transport = transport(b -> b.prefetch(1));
    HoldingHandler handler = new HoldingHandler();
    Subscription subscription = transport.subscribe(CommandsAndEvents.request(billing, orders), handler);

    ConsumingTest.publishAll(transport, CommandsAndEvents.messages(orders, 5));

    // With a prefetch of 1 each queue's channel holds one message unacknowledged: the other 8 are ready.
    assertThat(Recorder.await(WAIT, () -> subscription.backlog().equals(OptionalLong.of(8))))
        .as("a backlog of 8, was %s", subscription.backlog()).isTrue();

    handler.release();
    assertThat(Recorder.await(WAIT, () -> handler.acknowledged() == 10)).isTrue();
    assertThat(Recorder.await(WAIT, () -> subscription.backlog().equals(OptionalLong.of(0))))
        .as("a backlog of 0 after the drain, was %s", subscription.backlog()).isTrue();
  }
}
