package io.whizbang.rabbitmq;

import static io.whizbang.rabbitmq.ConsumingTest.publishAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Per-key order and exactly-once through retries, with inbox-guarded subscribers on PostgreSQL: a message that
 * fails keeps the later messages of its key behind it, however often it fails and whichever instance takes over.
 */
class KeyOrderTest extends BrokerTestBase {

  private static final int KEYS = 8;

  private InboxHarness inbox;
  private final List<InboxConsumer> consumers = new ArrayList<>();
  private String orders;
  private String billing;

  @BeforeEach
  void storage() {
    inbox = new InboxHarness(prefix);
    orders = domain("orders");
    billing = subscriber("billing");
  }

  @AfterEach
  void closeConsumers() {
    consumers.forEach(InboxConsumer::close);
    inbox.close();
  }

  /** Issue 23, 1: seq 1 fails twice; seq 2, published while seq 1 waits, must not be applied before it. */
  @Test
  void aMessageRetriedTwiceIsNotOvertakenByTheNextOfItsKey() {
    keys().forEach(key -> inbox.failTimes(key, 1, 2));
    subscribe(transport(), InboxConfig.RetryPolicy.DEFAULT);
    RabbitMqTransport publisher = transport();

    publishAll(publisher, events(0, 2));
    assertThat(Recorder.await(WAIT, () -> inbox.failures() >= KEYS)).isTrue();
    publishAll(publisher, events(2, 3));

    assertThat(Recorder.await(WAIT, () -> inbox.applied.count() >= 3 * KEYS)).isTrue();
    Recorder.quiet(Duration.ofMillis(300));
    assertEveryKeyApplied(3);
    assertThat(inbox.failures()).isEqualTo(2 * KEYS);
  }

  /**
   * Issue 23, 2: single active consumer; the active instance is closed (or its connection dropped, as when the
   * process dies) while every key waits in its retry delay, and more messages of each key are published right
   * after. The instance that takes over must apply the waiting message first, then the later ones, each once.
   */
  @ParameterizedTest
  @EnumSource(Stop.class)
  void aKeyInItsRetryDelayKeepsItsOrderWhenAnotherInstanceTakesOver(Stop stop) {
    handOverDuringRetryDelay(stop, QueueType.CLASSIC);
  }

  @Test
  void quorumQueuesKeepTheOrderThroughAHandOverToo() {
    handOverDuringRetryDelay(Stop.CLOSE, QueueType.QUORUM);
  }

  private void handOverDuringRetryDelay(Stop stop, QueueType queueType) {
    keys().forEach(key -> inbox.failTimes(key, 1, 1));
    InboxConfig.RetryPolicy slow = InboxConfig.RetryPolicy.builder().initialDelay(Duration.ofSeconds(3)).jitter(0).build();
    RabbitMqTransport active = transport(b -> b.queueType(queueType));
    subscribe(active, slow);
    InboxConsumer standby = subscribe(transport(b -> b.queueType(queueType)), slow);
    RabbitMqTransport publisher = transport(b -> b.queueType(queueType));

    publishAll(publisher, events(0, 4));
    assertThat(Recorder.await(WAIT, () -> inbox.failures() >= KEYS && inbox.applied.count() >= KEYS)).isTrue();
    stop.apply(active); // every key's seq 1 is in its 3 s retry delay; 2 and 3 wait behind it
    publishAll(publisher, events(4, 8));

    assertThat(Recorder.await(WAIT, () -> inbox.applied.count() >= 8 * KEYS)).isTrue();
    Recorder.quiet(Duration.ofMillis(300));
    assertEveryKeyApplied(8);
    assertThat(standby.stats().handled()).as("applied by the instance that took over").isEqualTo(7 * KEYS);
  }

  /**
   * Issue 23, 3: with maxAttempts(4), seq 1 fails 3 times and seq 2 fails once. Seq 2 waited behind seq 1 through
   * three failures without its handler running, so its one failure is its first attempt: it is applied, not
   * dead-lettered. A message failing every time is dead-lettered after exactly 4 runs, and says so.
   */
  @Test
  void messagesHeldBehindAFailingOneSpendNoAttempts() {
    keys().forEach(key -> {
      inbox.failTimes(key, 1, 3);
      inbox.failTimes(key, 2, 1);
    });
    inbox.failTimes("poison", 1, 1000);
    InboxConfig.RetryPolicy policy = InboxConfig.RetryPolicy.builder().maxAttempts(4).initialDelay(Duration.ofMillis(100)).build();
    InboxConsumer consumer = subscribe(transport(), policy);
    List<OutgoingMessage> events = new ArrayList<>(events(1, 4));
    events.add(PlacedEvents.placed(orders, "poison", 1));
    events.add(PlacedEvents.placed(orders, "poison", 2));

    publishAll(transport(), events);

    assertThat(Recorder.await(WAIT, () -> inbox.applied.count() >= 3 * KEYS + 1
        && consumer.deadLetters().count() >= 1)).isTrue();
    Recorder.quiet(Duration.ofMillis(300));
    Map<String, List<Integer>> byKey = inbox.applied.seqsByKey();
    keys().forEach(key -> assertThat(byKey.get(key)).as("applied seqs of %s", key).containsExactly(1, 2, 3));
    assertThat(byKey.get("poison")).containsExactly(2);
    List<DeadLetter> letters = consumer.deadLetters().list(0, 10);
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).partitionKey()).isEqualTo("poison");
    assertThat(letters.get(0).attempts()).isEqualTo(4);
    assertThat(letters.get(0).reason()).startsWith("Handling failed 4 time(s)");
    assertThat(inbox.failures()).isEqualTo(KEYS * 4 + 4);
  }

  enum Stop {
    CLOSE {
      @Override
      void apply(RabbitMqTransport transport) {
        transport.close();
      }
    },
    CRASH {
      @Override
      void apply(RabbitMqTransport transport) {
        transport.crashConsumers(); // its lanes run on, but nothing they settle reaches the broker any more
      }
    };

    abstract void apply(RabbitMqTransport transport);
  }

  private List<String> keys() {
    return IntStream.range(0, KEYS).mapToObj(i -> "key-" + i).toList();
  }

  /** Events {@code from} (inclusive) to {@code to} of every key, in order per key. */
  private List<OutgoingMessage> events(int from, int to) {
    List<OutgoingMessage> events = new ArrayList<>();
    for (int seq = from; seq < to; seq++) {
      for (String key : keys()) {
        events.add(PlacedEvents.placed(orders, key, seq));
      }
    }
    return events;
  }

  private InboxConsumer subscribe(RabbitMqTransport transport, InboxConfig.RetryPolicy policy) {
    InboxConsumer consumer = inbox.consumer(billing, policy);
    consumers.add(consumer);
    consumer.subscribe(transport, List.of(new SubscriptionRequest.Source(Destination.events(orders),
        Set.of(PlacedEvents.WIRE_NAME))), 4);
    return consumer;
  }

  /** Every key applied 0..count-1 exactly once, in order. */
  private void assertEveryKeyApplied(int count) {
    Map<String, List<Integer>> byKey = inbox.applied.seqsByKey();
    assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(keys());
    List<Integer> expected = IntStream.range(0, count).boxed().toList();
    byKey.forEach((key, seqs) -> assertThat(seqs).as("applied seqs of %s", key).isEqualTo(expected));
  }
}
