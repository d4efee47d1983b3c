package io.whizbang.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.testfixtures.CommandsAndEvents;
import io.whizbang.runtime.testfixtures.HoldingHandler;
import io.whizbang.runtime.transport.Subscription;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Subscription.backlog()}: the messages waiting to be received from every queue of the subscription, on
 * ElasticMQ (commands and events through SQS queues) and fauxqs (events through SNS into the subscriber's queue).
 */
class BacklogTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private SqsTransport transport;
  private Servers server;

  @AfterEach
  void cleanUp() {
    Cleanup.delete(server, transport);
  }

  @Test
  void elasticMq() throws Exception {
    backlogCountsTheWaitingMessagesAndFallsToZero(Servers.ELASTICMQ);
  }

  @Test
  void fauxqsThroughSns() throws Exception {
    backlogCountsTheWaitingMessagesAndFallsToZero(Servers.FAUXQS);
  }

  private void backlogCountsTheWaitingMessagesAndFallsToZero(Servers server) throws Exception {
    this.server = server;
    server.require();
    // At most 10 messages received at a time (the least SQS allows): the handler holds them all, and once the
    // pollers took their 10 every other message waits on the queues.
    transport = SqsTransport.connect(server.config().maxInFlight(10).build());
    HoldingHandler handler = new HoldingHandler();
    Subscription subscription = transport.subscribe(CommandsAndEvents.request("billing", "orders"), handler);

    CompletableFuture.allOf(transport.publish(CommandsAndEvents.messages("orders", 15))
        .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    assertThat(Collected.await(WAIT, () -> subscription.backlog().equals(OptionalLong.of(20))))
        .as("a backlog of 20 (30 published, 10 received), was %s", subscription.backlog()).isTrue();

    handler.release();
    assertThat(Collected.await(WAIT, () -> handler.acknowledged() == 30)).isTrue();
    assertThat(Collected.await(WAIT, () -> subscription.backlog().equals(OptionalLong.of(0))))
        .as("a backlog of 0 after the drain, was %s", subscription.backlog()).isTrue();
  }
}
