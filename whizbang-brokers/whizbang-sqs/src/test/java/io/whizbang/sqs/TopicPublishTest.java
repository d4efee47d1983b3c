package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static io.whizbang.sqs.Messages.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing events to an SNS topic on fauxqs: PublishBatch by ten, per-entry results, retried entries. */
class TopicPublishTest {

  private static final Destination EVENTS = Destination.events("orders");
  private SqsTransport transport;
  private RefusingSnsClient refusing;

  @BeforeEach
  void connect() {
    Servers.FAUXQS.require();
    refusing = new RefusingSnsClient(Cleanup.sns(Servers.FAUXQS));
    transport = new SqsTransport(Servers.FAUXQS.config().publishRetryDelay(Duration.ofMillis(10)).build(),
        Cleanup.sqs(Servers.FAUXQS), refusing, true);
  }

  @AfterEach
  void cleanUp() {
    Cleanup.delete(Servers.FAUXQS, transport);
  }

  @Test
  void eventsGoOutTenPerPublishBatchAndAThrottledEntryIsPublishedAgain() throws Exception {
    Collected billing = new Collected();
    transport.subscribe(new SubscriptionRequest("billing", List.of(new Source(EVENTS, Set.of("orders.Placed"))), 2),
        billing);
    List<OutgoingMessage> batch = numbered(EVENTS, "orders.Placed", 30, 10);
    refusing.refuse(batch.get(12).messageId().toString(), 1, false);

    List<CompletableFuture<Void>> futures = transport.publish(batch);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(transport.stats().sendCalls()).as("three calls of ten, and the throttled entry again").isEqualTo(4);
    assertThat(transport.stats().sentMessages()).isEqualTo(30);
    assertThat(Collected.await(Duration.ofSeconds(20), () -> billing.count() >= 30)).isTrue();
    assertThat(billing.bodies()).containsExactlyInAnyOrderElementsOf(batch.stream()
        .map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList());
  }

  @Test
  void anEntryTheTopicRefusesAsInvalidFailsOnlyItsKey() throws Exception {
    OutgoingMessage a1 = message(EVENTS, "orders.Placed", "a", "{\"n\":1}");
    OutgoingMessage a2 = message(EVENTS, "orders.Placed", "a", "{\"n\":2}");
    OutgoingMessage b1 = message(EVENTS, "orders.Placed", "b", "{\"n\":1}");
    List<OutgoingMessage> batch = new ArrayList<>(List.of(a1, b1));
    batch.addAll(numbered(EVENTS, "orders.Placed", 8, 2));
    batch.add(a2); // the eleventh: second call
    refusing.refuse(a1.messageId().toString(), 1, true);

    List<CompletableFuture<Void>> futures = transport.publish(batch);

    assertThatThrownBy(() -> futures.get(0).get(20, TimeUnit.SECONDS))
        .cause().isInstanceOf(SqsPublishException.class)
        .hasMessage("SNS topic " + transport.nameOf(EVENTS) + " refused message " + a1.messageId()
            + " (orders.Placed): InvalidParameter: bad entry (invalid request, not retried)");
    assertThatThrownBy(() -> futures.get(10).get(20, TimeUnit.SECONDS))
        .cause().hasMessageContaining("an earlier message of partition key 'a' was not accepted");
    for (int i = 1; i < 10; i++) {
      futures.get(i).get(20, TimeUnit.SECONDS);
    }
  }
}
