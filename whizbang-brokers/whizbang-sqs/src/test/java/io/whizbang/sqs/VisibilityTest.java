package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Visibility on ElasticMQ: a message in hand, running or acknowledged but not yet deleted, stays hidden from a
 * competing consumer however short the visibility timeout, down to the 1 s minimum.
 */
class VisibilityTest {

  private static final Destination COMMANDS = Destination.commands("orders");
  private final List<SqsTransport> transports = new ArrayList<>();

  @BeforeEach
  void requireServer() {
    Servers.ELASTICMQ.require();
  }

  @AfterEach
  void cleanUp() {
    transports.forEach(t -> Cleanup.delete(Servers.ELASTICMQ, t));
  }

  @Test
  void aOneSecondVisibilityTimeoutIsKeptUpWhileTheHandlerRunsForSeconds() throws Exception {
    SqsTransport transport = transport(Duration.ofSeconds(1));
    List<String> received = new CopyOnWriteArrayList<>();
    DeliveryHandler slow = batch -> {
      for (Delivery d : batch) {
        received.add(d.partitionKey());
        sleep(4_000); // four visibility timeouts
        d.ack();
      }
    };
    subscribe(transport, slow);
    subscribe(transport, slow); // a second instance polling the same queue

    transport.publish(List.of(message(COMMANDS, "orders.Ship", "k", "{}"))).get(0).get(20, TimeUnit.SECONDS);

    assertThat(Collected.await(Duration.ofSeconds(10), () -> !received.isEmpty())).isTrue();
    Thread.sleep(6_000); // the handler's 4 s, then longer than a timeout for a copy to show up
    assertThat(received).as("receipts of the one message").hasSize(1);
  }

  @Test
  void anAcknowledgedMessageStaysHiddenUntilDeletedWhileTheRestOfItsBatchIsHandled() throws Exception {
    SqsTransport transport = transport(Duration.ofSeconds(2));
    List<String> received = new CopyOnWriteArrayList<>();
    DeliveryHandler acksFirstThenWorks = batch -> {
      for (Delivery d : batch) {
        received.add(d.partitionKey());
        d.ack();
      }
      sleep(5_000); // the handler call goes on: deletion waits for its end
    };
    subscribe(transport, acksFirstThenWorks);
    subscribe(transport, acksFirstThenWorks);

    transport.publish(List.of(message(COMMANDS, "orders.Ship", "k", "{}"))).get(0).get(20, TimeUnit.SECONDS);

    assertThat(Collected.await(Duration.ofSeconds(10), () -> !received.isEmpty())).isTrue();
    Thread.sleep(7_000);
    assertThat(received).as("receipts of the one message").hasSize(1);
  }

  @Test
  void theScheduleScalesWithTheTimeout() {
    VisibilitySchedule oneSecond = new VisibilitySchedule(Duration.ofSeconds(1));
    assertThat(oneSecond.tickMillis()).isEqualTo(100);
    assertThat(oneSecond.due(0, TimeUnit.MILLISECONDS.toNanos(250))).isFalse();
    assertThat(oneSecond.due(0, TimeUnit.MILLISECONDS.toNanos(290))).isTrue();
    assertThat(oneSecond.seconds()).isEqualTo(1);

    VisibilitySchedule thirty = new VisibilitySchedule(Duration.ofSeconds(30));
    assertThat(thirty.tickMillis()).isEqualTo(1_000);
    assertThat(thirty.due(0, TimeUnit.SECONDS.toNanos(9))).isFalse();
    assertThat(thirty.due(0, TimeUnit.MILLISECONDS.toNanos(9_500))).isTrue();

    VisibilitySchedule twelveHours = new VisibilitySchedule(Duration.ofHours(12));
    assertThat(twelveHours.tickMillis()).isEqualTo(1_000);
    assertThat(twelveHours.due(0, TimeUnit.HOURS.toNanos(3))).isFalse();
    assertThat(twelveHours.due(0, TimeUnit.HOURS.toNanos(4))).isTrue();
    assertThat(twelveHours.seconds()).isEqualTo(43_200);
  }

  private SqsTransport transport(Duration visibilityTimeout) {
    SqsTransport t = SqsTransport.connect(Servers.ELASTICMQ.config().visibilityTimeout(visibilityTimeout).build());
    transports.add(t);
    return t;
  }

  private static void subscribe(SqsTransport transport, DeliveryHandler handler) {
    transport.subscribe(new SubscriptionRequest("shipping", List.of(new Source(COMMANDS, Set.of("orders.Ship"))), 1),
        handler);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
