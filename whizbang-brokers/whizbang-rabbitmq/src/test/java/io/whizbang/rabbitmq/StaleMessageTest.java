package io.whizbang.rabbitmq;

import static io.whizbang.rabbitmq.ConsumingTest.publishAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ deliveries say when they were published (the AMQP timestamp), so a message older than the inbox retention
 * with no inbox row (it may have been applied, and its row cleaned up since) is parked with its age by default
 * instead of being applied again.
 */
class StaleMessageTest extends BrokerTestBase {
  private InboxHarness inbox;
  private InboxConsumer consumer;

  @BeforeEach
  void storage() {
    inbox = new InboxHarness(prefix);
  }

  @AfterEach
  void close() {
    if (consumer != null) {
      consumer.close();
    }
    inbox.close();
  }

  @Test
  void aMessagePublishedLongerAgoThanTheRetentionIsParkedWithItsAge() {
    String orders = domain("orders");
    Clock eightDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(8));
    consumer = inbox.consumer(subscriber("billing"), InboxConfig.RetryPolicy.DEFAULT, () -> true,
        b -> b.clock(eightDaysLater).cleanupRetention(Duration.ofDays(7)));
    consumer.subscribe(transport(), List.of(new SubscriptionRequest.Source(Destination.events(orders),
        Set.of(PlacedEvents.WIRE_NAME))), 1);

    publishAll(transport(), List.of(PlacedEvents.placed(orders, "k", 0)));

    assertThat(Recorder.await(WAIT, () -> consumer.deadLetters().count() == 1)).isTrue();
    DeadLetter letter = consumer.deadLetters().list(0, 1).get(0);
    assertThat(letter.reason()).startsWith("The message was published 8d 0h ago, longer than the inbox retention"
        + " (7d 0h)");
    assertThat(inbox.applied.count()).isZero();
  }
}
