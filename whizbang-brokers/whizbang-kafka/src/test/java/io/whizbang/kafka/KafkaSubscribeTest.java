package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.testfixtures.HoldingHandler;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumer groups against the real broker: fan-out, competition, commit-after-ack, redelivery and rebalancing. */
class KafkaSubscribeTest {

  private KafkaTransport kafka;
  private String domain;

  @BeforeEach
  void setUp() {
    KafkaBroker.require();
    kafka = KafkaTransport.connect(KafkaBroker.config().build());
    domain = KafkaBroker.uniqueDomain("sub");
  }

  @AfterEach
  void tearDown() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private SubscriptionRequest request(String subscriber, int concurrency, String... wireNames) {
    return new SubscriptionRequest(subscriber,
        List.of(new SubscriptionRequest.Source(Destination.events(domain), Set.of(wireNames))), concurrency);
  }

  private String wire() {
    return domain + ".Happened";
  }

  @Test
  void everySubscriberGroupGetsItsOwnCopy() throws Exception {
    Received billing = new Received();
    Received shipping = new Received();
    kafka.subscribe(request("billing-" + domain, 1, wire()), billing);
    kafka.subscribe(request("shipping-" + domain, 1, wire()), shipping);

    List<OutgoingMessage> batch = Messages.interleaved(domain, wire(), 5, 4);
    Messages.publishAndConfirm(kafka, batch);

    billing.awaitSize(20);
    shipping.awaitSize(20);
    List<String> expected = batch.stream().map(m -> Messages.text(m.body())).toList();
    assertThat(billing.bodies()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(shipping.bodies()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void membersOfOneGroupShareTheMessages() throws Exception {
    String group = "workers-" + domain;
    Received first = new Received();
    Received second = new Received();
    kafka.subscribe(request(group, 1, wire()), first);
    kafka.subscribe(request(group, 1, wire()), second);

    // Keep publishing rounds until both members had a share: joining the group takes a moment.
    List<String> expected = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
    for (int round = 0; System.nanoTime() < deadline && (first.size() == 0 || second.size() == 0); round++) {
      List<OutgoingMessage> batch = new ArrayList<>();
      for (int k = 0; k < 12; k++) {
        batch.add(Messages.event(domain, wire(), "k" + k, "k" + k + "/" + round));
      }
      Messages.publishAndConfirm(kafka, batch);
      batch.forEach(m -> expected.add(Messages.text(m.body())));
      Received.await(() -> first.size() + second.size() >= expected.size(), expected.size() + " messages");
      Thread.sleep(100);
    }

    assertThat(first.size()).isPositive();
    assertThat(second.size()).isPositive();
    List<String> all = new ArrayList<>(first.bodies());
    all.addAll(second.bodies());
    assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theBacklogCountsEveryMessageNotAcknowledgedAndReturnsToZero() throws Exception {
    HoldingHandler handler = new HoldingHandler(); // holds every message, read or not, before its ack
    Subscription subscription = kafka.subscribe(request("backlog-" + domain, 1, wire()), handler);
    Messages.publishAndConfirm(kafka, Messages.interleaved(domain, wire(), 4, 3));

    // Read or still on the broker, none is acknowledged: the backlog is exactly the 12 once every lag is known.
    Received.await(Duration.ofSeconds(60), () -> subscription.backlog().equals(OptionalLong.of(12)),
        () -> "a backlog of 12, was " + subscription.backlog());

    handler.release();
    Received.await(() -> handler.acknowledged() == 12, "12 acknowledged");
    Received.await(Duration.ofSeconds(60), () -> subscription.backlog().equals(OptionalLong.of(0)),
        () -> "a backlog of 0 after the drain, was " + subscription.backlog());
  }

  @Test
  void unwantedWireNamesAreSkippedAndCommitted() throws Exception {
    String group = "picky-" + domain;
    Received picky = new Received();
    Subscription subscription = kafka.subscribe(request(group, 1, domain + ".Wanted"), picky);
    Messages.publishAndConfirm(kafka, List.of(
        Messages.event(domain, domain + ".Other", "k1", "k1/0"),
        Messages.event(domain, domain + ".Wanted", "k1", "k1/1"),
        Messages.event(domain, domain + ".Other", "k2", "k2/0"),
        Messages.event(domain, domain + ".Wanted", "k2", "k2/1")));
    picky.awaitSize(2);
    subscription.close();

    // Everything was committed, skipped messages included: a restarted member starts after them.
    Received restarted = new Received();
    kafka.subscribe(request(group, 1), restarted);
    Messages.publishAndConfirm(kafka, List.of(Messages.event(domain, domain + ".Wanted", "k3", "k3/0")));
    restarted.awaitSize(1);
    assertThat(picky.bodies()).containsExactlyInAnyOrder("k1/1", "k2/1");
    assertThat(restarted.bodies()).containsExactly("k3/0");
  }

  @Test
  void messagesOfOneKeyArriveInOrderWhilePartitionsRunInParallel() throws Exception {
    Received received = new Received();
    kafka.subscribe(request("ordered-" + domain, 3, wire()), received);

    Messages.publishAndConfirm(kafka, Messages.interleaved(domain, wire(), 9, 30));

    received.awaitSize(270);
    received.byKey().forEach((key, bodies) -> {
      List<String> expected = new ArrayList<>();
      for (int n = 0; n < 30; n++) {
        expected.add(key + "/" + n);
      }
      assertThat(bodies).as("order of " + key).containsExactlyElementsOf(expected);
    });
    assertThat(received.byKey()).hasSize(9);
  }

  @Test
  void onlyAcknowledgedMessagesAreCommittedSoACrashRedeliversTheRest() throws Exception {
    String group = "crashy-" + domain;
    List<OutgoingMessage> batch = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      batch.add(Messages.event(domain, wire(), "one-key", "one-key/" + n));
    }
    Messages.publishAndConfirm(kafka, batch);

    // The first member acknowledges 0..3, then "crashes": it never settles 4..9 and is shut down while stuck.
    CountDownLatch stuck = new CountDownLatch(1);
    List<String> firstSaw = new CopyOnWriteArrayList<>();
    Subscription crashing = kafka.subscribe(request(group, 1, wire()), deliveries -> {
      for (Delivery d : deliveries) {
        String body = Messages.text(d.body());
        firstSaw.add(body);
        if (Integer.parseInt(body.substring(body.indexOf('/') + 1)) < 4) {
          d.ack();
        } else {
          stuck.countDown();
          try {
            Thread.sleep(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    });
    assertThat(stuck.await(60, TimeUnit.SECONDS)).isTrue();
    crashing.close();

    Received next = new Received();
    kafka.subscribe(request(group, 1, wire()), next);
    next.awaitSize(6);
    assertThat(firstSaw).startsWith("one-key/0", "one-key/1", "one-key/2", "one-key/3", "one-key/4");
    assertThat(next.bodies()).containsExactly(
        "one-key/4", "one-key/5", "one-key/6", "one-key/7", "one-key/8", "one-key/9");
  }

  @Test
  void aReleasedMessageComesBackWithTheRestOfItsPartitionInOrder() throws Exception {
    AtomicBoolean releasedOnce = new AtomicBoolean();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    List<Integer> counts = Collections.synchronizedList(new ArrayList<>());
    kafka.subscribe(request("retry-" + domain, 1, wire()), deliveries -> {
      for (Delivery d : deliveries) {
        String body = Messages.text(d.body());
        seen.add(body);
        counts.add(d.deliveryCount());
        if (body.equals("one-key/2") && releasedOnce.compareAndSet(false, true)) {
          d.release(Duration.ofMillis(200));
          return; // 3 and 4 stay unsettled: the transport releases them too
        }
        d.ack();
      }
    });
    List<OutgoingMessage> batch = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      batch.add(Messages.event(domain, wire(), "one-key", "one-key/" + n));
    }
    Messages.publishAndConfirm(kafka, batch);

    Received.await(() -> {
      List<String> now = List.copyOf(seen);
      return now.stream().filter("one-key/2"::equals).count() == 2 && now.lastIndexOf("one-key/4") > now.lastIndexOf(
          "one-key/2");
    }, "the redelivery");
    List<String> all = List.copyOf(seen);
    assertThat(all).containsSubsequence("one-key/0", "one-key/1", "one-key/2", "one-key/2", "one-key/3",
        "one-key/4");
    assertThat(all).containsOnlyOnce("one-key/0", "one-key/1");
    assertThat(all.stream().filter("one-key/2"::equals).count()).isEqualTo(2);
    assertThat(counts.get(all.lastIndexOf("one-key/2"))).isEqualTo(2);
  }

  @Test
  void aThrowingHandlerGetsTheMessageAgain() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Received after = new Received();
    KafkaTransport quickRetry = KafkaTransport.connect(KafkaBroker.config()
        .handlerFailureDelay(Duration.ofMillis(100)).build());
    try {
      quickRetry.subscribe(request("thrower-" + domain, 1, wire()), deliveries -> {
        if (attempts.incrementAndGet() == 1) {
          throw new IllegalStateException("database down");
        }
        after.handle(deliveries);
      });
      Messages.publishAndConfirm(kafka, List.of(Messages.event(domain, wire(), "k", "k/0")));

      after.awaitSize(1);
      assertThat(after.bodies()).containsExactly("k/0");
      assertThat(after.deliveryCounts()).containsExactly(2);
      assertThat(attempts.get()).isEqualTo(2);
    } finally {
      quickRetry.close();
    }
  }

  @Test
  void aRebalanceHandsPartitionsOverWithoutLosingOrRepeatingAcknowledgedMessages() throws Exception {
    String group = "rebalance-" + domain;
    Received first = new Received();
    Subscription firstMember = kafka.subscribe(request(group, 2, wire()), first);
    List<String> expected = new ArrayList<>();

    List<OutgoingMessage> round1 = Messages.interleaved(domain, wire(), 9, 3);
    Messages.publishAndConfirm(kafka, round1);
    round1.forEach(m -> expected.add(Messages.text(m.body())));
    first.awaitSize(expected.size());

    Received second = new Received();
    kafka.subscribe(request(group, 2, wire()), second);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
    for (int round = 0; System.nanoTime() < deadline && second.size() == 0; round++) {
      List<OutgoingMessage> more = new ArrayList<>();
      for (int k = 0; k < 9; k++) {
        more.add(Messages.event(domain, wire(), "k" + k, "k" + k + "/r" + round));
      }
      Messages.publishAndConfirm(kafka, more);
      more.forEach(m -> expected.add(Messages.text(m.body())));
      Received.await(() -> first.size() + second.size() >= expected.size(), expected.size() + " messages");
      Thread.sleep(100);
    }
    assertThat(second.size()).as("the second member got partitions").isPositive();

    firstMember.close();
    List<OutgoingMessage> last = Messages.interleaved(domain, wire(), 9, 2);
    Messages.publishAndConfirm(kafka, last);
    last.forEach(m -> expected.add(Messages.text(m.body())));
    Received.await(() -> first.size() + second.size() >= expected.size(), "every message");

    List<String> all = new ArrayList<>(first.bodies());
    all.addAll(second.bodies());
    assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
    Set<String> lastBodies = new HashSet<>();
    last.forEach(m -> lastBodies.add(Messages.text(m.body())));
    assertThat(second.bodies()).containsAll(lastBodies);
  }

  @Test
  void headersOfOtherProducersAreNotNeededToReceive() throws Exception {
    Received all = new Received();
    kafka.subscribe(new SubscriptionRequest("everything-" + domain,
        List.of(new SubscriptionRequest.Source(Destination.events(domain), Set.of())), 1), all);
    Messages.publishAndConfirm(kafka, List.of(Messages.event(domain, "any.Name", "k", "k/0")));
    all.awaitSize(1);
    assertThat(all.bodies()).containsExactly("k/0");
  }
}
