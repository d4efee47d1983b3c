package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two messages of one key in one publish call (issue 12): SQS answers each entry of a batch on its own, so entry 1
 * can be refused while entry 2 of the same group is stored. ElasticMQ never refuses a single entry, so a real client
 * answers chosen entries with a per-entry failure instead of sending them ({@link RefusingSqsClient}); everything
 * else goes to the server, and the order is read back from the queue.
 */
class SameKeyInOneCallTest {

  private SqsTransport transport;
  private RefusingSqsClient refusing;

  @BeforeEach
  void connect() {
    Servers.ELASTICMQ.require();
    refusing = new RefusingSqsClient(Cleanup.sqs(Servers.ELASTICMQ));
    transport = new SqsTransport(Servers.ELASTICMQ.config().publishRetryDelay(Duration.ofMillis(10)).build(),
        refusing, null, true);
  }

  @AfterEach
  void cleanUp() {
    Cleanup.delete(Servers.ELASTICMQ, transport);
  }

  @Test
  void anEntryRefusedOnceForAServiceSideReasonIsStillStoredBeforeTheNextOfItsKey() throws Exception {
    Destination commands = Destination.commands("orders");
    OutgoingMessage a1 = message(commands, "orders.Ship", "a", "{\"n\":1}");
    OutgoingMessage a2 = message(commands, "orders.Ship", "a", "{\"n\":2}");
    OutgoingMessage b1 = message(commands, "orders.Ship", "b", "{\"n\":1}");
    refusing.refuse(a1.messageId().toString(), 1, false); // throttled once, then accepted on the resend

    List<CompletableFuture<Void>> futures = transport.publish(List.of(a1, a2, b1));
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(receivedOfKey("a", 2)).as("key a in the queue").containsExactly(text(a1), text(a2));
  }

  @Test
  void anEntryRefusedAsInvalidKeepsTheNextOfItsKeyInTheSameCallOutOfTheQueue() throws Exception {
    Destination commands = Destination.commands("orders");
    OutgoingMessage a1 = message(commands, "orders.Ship", "a", "{\"n\":1}");
    OutgoingMessage a2 = message(commands, "orders.Ship", "a", "{\"n\":2}");
    OutgoingMessage b1 = message(commands, "orders.Ship", "b", "{\"n\":1}");
    refusing.refuse(a1.messageId().toString(), 1, true);

    List<CompletableFuture<Void>> futures = transport.publish(List.of(a1, a2, b1));

    assertThatThrownBy(() -> futures.get(0).get(20, TimeUnit.SECONDS)).hasMessageContaining("InvalidParameterValue");
    assertThatThrownBy(() -> futures.get(1).get(20, TimeUnit.SECONDS))
        .hasMessageContaining("an earlier message of partition key 'a' was not accepted");
    futures.get(2).get(20, TimeUnit.SECONDS);
    // The outbox's retry of a1 (replayed) and a2, in order.
    CompletableFuture.allOf(transport.publish(List.of(a1, a2)).toArray(CompletableFuture[]::new))
        .get(20, TimeUnit.SECONDS);
    assertThat(receivedOfKey("a", 2)).as("key a in the queue").containsExactly(text(a1), text(a2));
  }

  /** Subscribes, waits for {@code count} messages of the key and a quiet moment, and returns them in order. */
  private List<String> receivedOfKey(String key, int count) throws InterruptedException {
    Collected collected = new Collected();
    transport.subscribe(new SubscriptionRequest("shipping", List.of(new Source(Destination.commands("orders"),
        Set.of("orders.Ship"))), 1), collected);
    Collected.await(Duration.ofSeconds(20), () -> ofKey(collected, key).size() >= count);
    Collected.await(Duration.ofMillis(500), () -> false);
    return ofKey(collected, key);
  }

  private static List<String> ofKey(Collected collected, String key) {
    return collected.seen().stream().filter(s -> key.equals(s.partitionKey())).map(Collected.Seen::body).toList();
  }

  private static String text(OutgoingMessage m) {
    return new String(m.body(), StandardCharsets.UTF_8);
  }
}
