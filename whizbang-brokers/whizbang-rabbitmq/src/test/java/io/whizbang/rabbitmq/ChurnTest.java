package io.whizbang.rabbitmq;

import static io.whizbang.rabbitmq.ConsumingTest.publishAll;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 23's churn run: three inbox-guarded instances of one subscriber are stopped, killed (their consuming
 * connection dropped without acknowledging anything, their handlers applying nothing more) and replaced while
 * 20,000 events over 200 keys flow and 2 % of them fail once or twice. Every event must be applied exactly once;
 * with a single active consumer also in order per key. With competing consumers the transport promises exactly once
 * only (docs/rabbitmq.md), so order is not checked.
 */
class ChurnTest extends BrokerTestBase {

  private static final Logger LOG = LoggerFactory.getLogger(ChurnTest.class);
  private static final int EVENTS = 20_000;
  private static final int KEYS = 200;
  private static final int PER_KEY = EVENTS / KEYS;
  private static final int CHUNK = 500;
  private static final Duration CHURN_EVERY = Duration.ofMillis(1500);
  private static final InboxConfig.RetryPolicy RETRY = InboxConfig.RetryPolicy.builder().maxAttempts(20).initialDelay(Duration.ofMillis(50))
      .maxDelay(Duration.ofMillis(400)).build();

  private InboxHarness inbox;
  private final List<Instance> instances = new ArrayList<>();
  private String orders;
  private String billing;

  @BeforeEach
  void storage() {
    inbox = new InboxHarness(prefix);
    orders = domain("orders");
    billing = subscriber("billing");
  }

  @AfterEach
  void stopEverything() {
    instances.forEach(Instance::stop);
    inbox.close();
  }

  @ParameterizedTest
  @EnumSource(Ordering.class)
  void everyEventIsAppliedOnceThroughStopsKillsAndRestarts(Ordering ordering) throws Exception {
    for (int j = 0; j < EVENTS / 50; j++) { // 2 % fail, once or twice, spread over every key
      int i = j * 50 + (j / 4) % 50; // one failing event in each key's first and second half
      inbox.failTimes(key(i), seq(i), 1 + j % 2);
    }
    for (int i = 0; i < 3; i++) {
      instances.add(new Instance(ordering));
    }
    RabbitMqTransport publisher = transport(b -> b.ordering(ordering));
    CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
      for (int from = 0; from < EVENTS; from += CHUNK) {
        publishAll(publisher, IntStream.range(from, from + CHUNK)
            .mapToObj(i -> PlacedEvents.placed(orders, key(i), seq(i))).toList());
        Recorder.quiet(Duration.ofMillis(50));
      }
    });

    long start = System.nanoTime();
    int stops = 0;
    int kills = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    while (inbox.applied.count() < EVENTS && System.nanoTime() < deadline) {
      Recorder.quiet(CHURN_EVERY);
      int victim = (stops + kills) % instances.size();
      boolean kill = (stops + kills) % 2 == 1;
      if (kill) {
        instances.get(victim).kill();
        kills++;
      } else {
        instances.get(victim).stop();
        stops++;
      }
      instances.set(victim, new Instance(ordering)); // restarted
    }
    publishing.get();
    assertThat(Recorder.await(Duration.ofSeconds(60), () -> inbox.applied.count() >= EVENTS))
        .as("applied %d of %d", inbox.applied.count(), EVENTS).isTrue();
    Recorder.quiet(Duration.ofMillis(500));
    LOG.info("{}: {} events over {} keys applied in {} ms through {} stops and {} kills; {} planned failures",
        ordering, EVENTS, KEYS, Duration.ofNanos(System.nanoTime() - start).toMillis(), stops, kills,
        inbox.failures());

    assertThat(stops).isPositive();
    assertThat(kills).isPositive();
    Map<String, List<Integer>> byKey = inbox.applied.seqsByKey();
    assertThat(byKey).hasSize(KEYS);
    List<Integer> all = IntStream.range(0, PER_KEY).boxed().toList();
    byKey.forEach((key, seqs) -> {
      if (ordering == Ordering.SINGLE_ACTIVE_CONSUMER) {
        assertThat(seqs).as("applied seqs of %s", key).isEqualTo(all);
      } else {
        assertThat(seqs).as("applied seqs of %s", key).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
      }
    });
    for (Instance instance : instances) {
      assertThat(instance.consumer.deadLetters().count()).isZero();
    }
  }

  private static String key(int i) {
    return "key-" + (i % KEYS);
  }

  private static int seq(int i) {
    return i / KEYS;
  }

  /** One process of the subscribing service: its own connections and inbox consumer. */
  private final class Instance {
    final AtomicBoolean alive = new AtomicBoolean(true);
    final RabbitMqTransport transport;
    final InboxConsumer consumer;

    Instance(Ordering ordering) {
      transport = transport(b -> b.ordering(ordering));
      consumer = inbox.consumer(billing, RETRY, alive::get);
      consumer.subscribe(transport, List.of(new SubscriptionRequest.Source(Destination.events(orders),
          Set.of(PlacedEvents.WIRE_NAME))), 4);
    }

    /** A graceful stop: the batch in hand finishes, everything unacknowledged goes back to the queue. */
    void stop() {
      transport.close();
      consumer.close();
    }

    /** The process dies: nothing more is applied or acknowledged, the broker sees the connection drop. */
    void kill() {
      alive.set(false);
      transport.crashConsumers();
      stop(); // releases what is left of the dead instance in this JVM
    }
  }
}
