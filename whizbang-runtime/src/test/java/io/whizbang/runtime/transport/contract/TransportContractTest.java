package io.whizbang.runtime.transport.contract;

import static io.whizbang.runtime.transport.contract.TestMessages.bodies;
import static io.whizbang.runtime.transport.contract.TestMessages.keyOf;
import static io.whizbang.runtime.transport.contract.TestMessages.message;
import static io.whizbang.runtime.transport.contract.TestMessages.seqOf;
import static io.whizbang.runtime.transport.contract.TestMessages.spread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.kit.IgnoredPriorities;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.TransportStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guarantees every {@link Transport} gives, proven the same way against each broker. A broker module extends it
 * and supplies a transport:
 *
 * <pre>{@code
 * class KafkaTransportContractTest extends TransportContractTest {
 *   @Override protected Transport newTransport() { return new KafkaTransport(KafkaConfig.builder().bootstrapServers(...).build()); }
 * }
 * }</pre>
 *
 * <p>Each test creates its own transport, random domain names and random subscriber ids, so tests never see each
 * other's messages even on a shared broker. Message bodies are opaque bytes: a transport must not parse them.
 *
 * <p>What the suite assumes of every transport: a subscription receives every matching message published after
 * {@code subscribe} returned and {@link #awaitReady} completed; a subscriber id keeps its messages while none of its
 * subscriptions is open (a service restart loses nothing); acknowledged messages are not delivered to that
 * subscriber id again; publish and subscribe on a closed transport throw {@link IllegalStateException} mentioning
 * "closed" (or publish returns futures failed that way).
 *
 * <p>Hooks with defaults let a broker state where it legitimately differs: {@link #deliveryTimeout()},
 * {@link #quietPeriod()}, {@link #awaitReady}, {@link #crash}, {@link #sharesLoadBetweenCompetingConsumers()},
 * {@link #countsRedeliveries()}, {@link #honoursReleaseDelay()},
 * {@link #releaseRedeliversOnlyThatMessage()}, {@link #unpublishable}, {@link #keepsReleasedKeysHeldAcrossHandOver()}.
 *
 * <p>The ordering contract (see {@link Transport}) has one test per clause: publish order across calls that were not
 * awaited, a failed message failing the later messages of its key in the same call, and a released message holding
 * the later messages of its key (within a subscription, and across a hand-over).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TransportContractTest {

  private Transport transport;
  private final List<Subscription> subscriptions = new ArrayList<>();

  /** A new transport connected to the broker under test; the suite closes it after each test. */
  protected abstract Transport newTransport();

  /** How long a test waits for a confirmation or an expected delivery before it fails. */
  protected Duration deliveryTimeout() {
    return Duration.ofSeconds(20);
  }

  /** How long a test keeps listening after the expected messages arrived, to catch extra or duplicate deliveries. */
  protected Duration quietPeriod() {
    return Duration.ofMillis(300);
  }

  /**
   * Blocks until {@code subscription} will receive messages published from now on. Transports whose
   * {@code subscribe} returns before the broker finished assigning work (Kafka consumer groups) override this.
   */
  protected void awaitReady(Subscription subscription) throws Exception {
    // Ready on return by default.
  }

  /**
   * Simulates a consumer crash: the subscription stops without settling the deliveries it holds. The default closes
   * it, which a transport must treat the same way for unsettled deliveries.
   */
  protected void crash(Subscription subscription) {
    subscription.close();
  }

  /**
   * Whether two subscriptions sharing a subscriber id each receive part of the load. A broker that delivers a
   * queue to a single active consumer (to keep order) returns false; each message must still arrive exactly once.
   */
  protected boolean sharesLoadBetweenCompetingConsumers() {
    return true;
  }

  /** Whether {@link Delivery#deliveryCount()} rises when a message is delivered again. */
  protected boolean countsRedeliveries() {
    return true;
  }

  /** Whether {@link Delivery#release(Duration)} waits at least the given delay before the message comes back. */
  protected boolean honoursReleaseDelay() {
    return true;
  }

  /**
   * Whether {@link Delivery#release(Duration)} redelivers only that message. A transport that redelivers by
   * seeking back (Kafka) may also redeliver later messages of the same partition that were already acknowledged;
   * it returns false, and the suite then requires at-least-once for those instead of exactly-once.
   */
  protected boolean releaseRedeliversOnlyThatMessage() {
    return true;
  }

  /**
   * A message of {@code key} that the broker under test refuses at publish, for the clause "a failure stops its key
   * for the rest of the call". The default is a 17 MiB body: over the default limits of Kafka (1 MiB), SQS/SNS
   * (256 KiB) and the in-memory transport (16 MiB). A broker that accepts it (RabbitMQ: 128 MiB by default before
   * 4.0) overrides this with another way to make exactly this message fail at publish, or returns {@code null}: the
   * clause is then not tested for that broker (the test is skipped with that reason).
   */
  protected OutgoingMessage unpublishable(Destination destination, String wireName, String key, int seq) {
    OutgoingMessage plain = message(destination, wireName, key, seq);
    byte[] body = java.util.Arrays.copyOf(plain.body(), 17 * 1024 * 1024);
    java.util.Arrays.fill(body, plain.body().length, body.length, (byte) ' ');
    return new OutgoingMessage(plain.messageId(), wireName, destination, key, 0, plain.headers(), body);
  }

  /**
   * Whether a released message still holds the later messages of its key when another subscription of the
   * subscriber id takes over (the first one closed while the message waited out its delay). A broker that cannot
   * keep that (its page says so) returns false, and the hand-over clause is skipped.
   */
  protected boolean keepsReleasedKeysHeldAcrossHandOver() {
    return true;
  }

  /**
   * Whether the broker hands waiting messages of a higher priority out first (RabbitMQ). The others deliver in
   * publish order and say so once per message type ({@code IgnoredPriorities}).
   */
  protected boolean honoursPriorities() {
    return false;
  }

  /** The transport of the running test. */
  protected final Transport transport() {
    return transport;
  }

  @BeforeEach
  final void openTransport() {
    transport = newTransport();
  }

  @AfterEach
  final void closeTransport() {
    for (Subscription s : subscriptions) {
      try {
        s.close();
      } catch (RuntimeException ignored) {
        // Some tests close their subscriptions on purpose; closing twice must not hide the test's own outcome.
      }
    }
    if (transport != null) {
      transport.close();
    }
  }

  // ---------------------------------------------------------------------------------------------- publishing

  @Test
  void publishReturnsOneFuturePerMessageEachCompletingOnConfirmation() throws Exception {
    Destination events = Destination.events(randomDomain());
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 1, new Source(events, Set.of("w.Event")));
    List<OutgoingMessage> batch = spread(events, "w.Event", 10, 3);

    List<CompletableFuture<Void>> futures = transport.publish(batch);

    assertThat(futures).hasSize(batch.size()).doesNotContainNull();
    assertThat(new HashSet<>(futures)).as("one distinct future per message").hasSize(batch.size());
    for (CompletableFuture<Void> future : futures) {
      future.get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
      assertThat(future).isCompleted().isNotCompletedExceptionally();
    }
    awaitCount(recorder, batch.size(), "confirmed messages delivered");
    assertThat(recorder.bodies()).containsExactlyInAnyOrderElementsOf(bodies(batch));
  }

  @Test
  void publishingAnEmptyBatchReturnsNoFutures() {
    assertThat(transport.publish(List.of())).isEmpty();
  }

  @Test
  void aBatchOfAThousandIsConfirmedAndDeliveredExactlyOnce() throws Exception {
    Destination events = Destination.events(randomDomain());
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 4, new Source(events, Set.of("w.Event")));
    List<OutgoingMessage> batch = spread(events, "w.Event", 1_000, 50);

    publishConfirmed(batch);

    awaitCount(recorder, 1_000, "all 1,000 messages delivered");
    quiet();
    assertExactlyOnce(recorder, bodies(batch));
  }

  // ---------------------------------------------------------------------------------------------- routing

  @Test
  void commandsReachTheSubscriberOfTheCommandDestinationOnly() throws Exception {
    String domain = randomDomain();
    Recorder owner = new Recorder();
    Recorder eventReader = new Recorder();
    subscribe(randomSubscriber(), owner, 1, new Source(Destination.commands(domain), Set.of("w.Ship")));
    // Reads the same domain's events, asking for the same wire name: commands must still not reach it.
    subscribe(randomSubscriber(), eventReader, 1, new Source(Destination.events(domain), Set.of("w.Ship")));
    List<OutgoingMessage> commands = spread(Destination.commands(domain), "w.Ship", 20, 5);

    publishConfirmed(commands);

    awaitCount(owner, 20, "commands delivered to the owner");
    quiet();
    assertExactlyOnce(owner, bodies(commands));
    assertThat(eventReader.bodies()).as("an events subscription receives no commands").isEmpty();
  }

  @Test
  void competingSubscriptionsOfOneSubscriberIdReceiveEachCommandExactlyOnce() throws Exception {
    Destination commands = Destination.commands(randomDomain());
    String service = randomSubscriber();
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    subscribe(service, first, 1, new Source(commands, Set.of("w.Ship")));
    subscribe(service, second, 1, new Source(commands, Set.of("w.Ship")));
    List<OutgoingMessage> batch = spread(commands, "w.Ship", 200, 40);

    publishConfirmed(batch);

    await(() -> first.count() + second.count() >= 200, "200 commands delivered across two subscriptions");
    quiet();
    List<String> all = new ArrayList<>(first.bodies());
    all.addAll(second.bodies());
    assertThat(all).as("every command exactly once across the competing subscriptions")
        .hasSize(200).containsExactlyInAnyOrderElementsOf(bodies(batch));
    if (sharesLoadBetweenCompetingConsumers()) {
      assertThat(first.count()).as("first subscription's share").isPositive();
      assertThat(second.count()).as("second subscription's share").isPositive();
    }
  }

  @Test
  void eventsReachEverySubscriberIdOnceEvenWithSeveralInstances() throws Exception {
    Destination events = Destination.events(randomDomain());
    String billing = randomSubscriber();
    Recorder billingOne = new Recorder();
    Recorder billingTwo = new Recorder();
    Recorder shipping = new Recorder();
    Recorder audit = new Recorder();
    subscribe(billing, billingOne, 1, new Source(events, Set.of("w.Placed")));
    subscribe(billing, billingTwo, 1, new Source(events, Set.of("w.Placed")));
    subscribe(randomSubscriber(), shipping, 2, new Source(events, Set.of("w.Placed")));
    subscribe(randomSubscriber(), audit, 1, new Source(events, Set.of("w.Placed")));
    List<OutgoingMessage> batch = spread(events, "w.Placed", 60, 12);

    publishConfirmed(batch);

    awaitCount(shipping, 60, "events delivered to the shipping subscriber");
    awaitCount(audit, 60, "events delivered to the audit subscriber");
    await(() -> billingOne.count() + billingTwo.count() >= 60, "events delivered to the billing subscriber");
    quiet();
    assertExactlyOnce(shipping, bodies(batch));
    assertExactlyOnce(audit, bodies(batch));
    List<String> billingAll = new ArrayList<>(billingOne.bodies());
    billingAll.addAll(billingTwo.bodies());
    assertThat(billingAll).as("billing's two instances together get each event exactly once")
        .hasSize(60).containsExactlyInAnyOrderElementsOf(bodies(batch));
  }

  @Test
  void onlyTheRequestedWireNamesAreDelivered() throws Exception {
    Destination events = Destination.events(randomDomain());
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 2, new Source(events, Set.of("w.Wanted", "w.AlsoWanted")));
    List<OutgoingMessage> batch = new ArrayList<>();
    List<OutgoingMessage> wanted = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      OutgoingMessage a = message(events, "w.Wanted", "key-" + (i % 3), i);
      OutgoingMessage b = message(events, "w.Other", "key-" + (i % 3), i);
      OutgoingMessage c = message(events, "w.AlsoWanted", "key-" + (i % 3), i);
      batch.add(a);
      batch.add(b);
      batch.add(c);
      wanted.add(a);
      wanted.add(c);
    }

    publishConfirmed(batch);

    awaitCount(recorder, wanted.size(), "wanted messages delivered");
    quiet();
    assertExactlyOnce(recorder, bodies(wanted));
  }

  @Test
  void oneSubscriptionReadsSeveralSources() throws Exception {
    String domainA = randomDomain();
    String domainB = randomDomain();
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 2,
        new Source(Destination.commands(domainA), Set.of("a.Do")),
        new Source(Destination.events(domainB), Set.of("b.Done")));
    List<OutgoingMessage> batch = new ArrayList<>(spread(Destination.commands(domainA), "a.Do", 10, 2));
    batch.addAll(spread(Destination.events(domainB), "b.Done", 10, 2));

    publishConfirmed(batch);

    awaitCount(recorder, 20, "messages from both sources delivered");
    quiet();
    assertExactlyOnce(recorder, bodies(batch));
  }

  // ---------------------------------------------------------------------------------------------- ordering

  @Test
  void messagesOfOneKeyArriveInPublishOrderWhileLanesRunConcurrently() throws Exception {
    Destination events = Destination.events(randomDomain());
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 4, new Source(events, Set.of("w.Step")));
    List<OutgoingMessage> all = spread(events, "w.Step", 2_000, 20);

    // Several batches, each confirmed before the next, as a relay publishes.
    for (int from = 0; from < all.size(); from += 250) {
      publishConfirmed(all.subList(from, from + 250));
    }

    awaitCount(recorder, 2_000, "2,000 ordered messages delivered");
    quiet();
    assertExactlyOnce(recorder, bodies(all));
    Map<String, List<Integer>> perKey = new HashMap<>();
    for (String body : recorder.bodies()) {
      perKey.computeIfAbsent(keyOf(body), k -> new ArrayList<>()).add(seqOf(body));
    }
    assertThat(perKey).hasSize(20);
    perKey.forEach((key, seqs) -> assertThat(seqs).as("sequence of %s", key).isSorted().hasSize(100));
  }

  @Test
  void theDeliveryCarriesThePublishedPartitionKey() throws Exception {
    Destination commands = Destination.commands(randomDomain());
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 1, new Source(commands, Set.of("w.Ship")));
    OutgoingMessage keyed = message(commands, "w.Ship", "order-42", 0);
    OutgoingMessage unkeyed = new OutgoingMessage(UUID.randomUUID(), "w.Ship", commands, null, 0, Map.of(),
        "contract|unkeyed".getBytes(StandardCharsets.UTF_8));

    publishConfirmed(List.of(keyed, unkeyed));

    awaitCount(recorder, 2, "keyed and unkeyed messages delivered");
    Map<String, String> keyByBody = new HashMap<>();
    recorder.received().forEach(r -> keyByBody.put(r.body(), r.partitionKey()));
    assertThat(keyByBody.get(new String(keyed.body(), StandardCharsets.UTF_8))).isEqualTo("order-42");
    assertThat(keyByBody).containsKey("contract|unkeyed");
    assertThat(keyByBody.get("contract|unkeyed")).isNull();
  }

  // ---------------------------------------------------------------------------------------------- redelivery

  @Test
  void unacknowledgedDeliveriesAreRedeliveredAfterAConsumerCrash() throws Exception {
    Destination events = Destination.events(randomDomain());
    String service = randomSubscriber();
    Source source = new Source(events, Set.of("w.Placed"));
    Recorder seenBeforeCrash = new Recorder();
    CountDownLatch gate = new CountDownLatch(1);
    // Holds the deliveries without settling them until the crash, as a consumer that dies mid-handler.
    Subscription doomed = subscribe(service, batch -> {
      batch.forEach(seenBeforeCrash::record);
      try {
        gate.await(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, 1, source);
    List<OutgoingMessage> batch = spread(events, "w.Placed", 20, 4);

    publishConfirmed(batch);
    await(() -> seenBeforeCrash.count() > 0, "a delivery reached the doomed subscription");
    Thread crasher = new Thread(() -> crash(doomed), "contract-crasher");
    crasher.start();
    gate.countDown();
    crasher.join(deliveryTimeout().toMillis());
    assertThat(crasher.isAlive()).as("crash hook finished").isFalse();

    Recorder restarted = new Recorder();
    subscribe(service, restarted, 1, source);
    awaitCount(restarted, 20, "every message delivered after the restart");
    quiet();
    assertExactlyOnce(restarted, bodies(batch));
    Set<String> seen = new HashSet<>(seenBeforeCrash.bodies());
    assertThat(seen).isNotEmpty();
    if (countsRedeliveries()) {
      restarted.received().stream().filter(r -> seen.contains(r.body())).forEach(r ->
          assertThat(r.deliveryCount()).as("delivery count of redelivered %s", r.body()).isGreaterThanOrEqualTo(2));
    }
  }

  @Test
  void messagesPublishedWhileASubscriberIsAwayWaitForItsReturn() throws Exception {
    Destination events = Destination.events(randomDomain());
    String service = randomSubscriber();
    Source source = new Source(events, Set.of("w.Placed"));
    Recorder before = new Recorder();
    Subscription first = subscribe(service, before, 1, source);
    List<OutgoingMessage> early = spread(events, "w.Placed", 5, 5);
    publishConfirmed(early);
    awaitCount(before, 5, "messages before the restart");
    first.close();

    List<OutgoingMessage> whileAway = List.of(message(events, "w.Placed", "key-x", 100),
        message(events, "w.Placed", "key-y", 101));
    publishConfirmed(whileAway);
    Recorder after = new Recorder();
    subscribe(service, after, 1, source);

    awaitCount(after, 2, "messages published while the subscriber was away");
    quiet();
    assertExactlyOnce(before, bodies(early));
    assertExactlyOnce(after, bodies(whileAway));
  }

  @Test
  void aReleasedDeliveryComesBackAfterItsDelayWithoutLosingOthers() throws Exception {
    Destination commands = Destination.commands(randomDomain());
    Duration delay = Duration.ofMillis(400);
    Set<String> releasedOnce = ConcurrentHashMap.newKeySet();
    Map<String, Long> releasedAt = new ConcurrentHashMap<>();
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), batch -> {
      for (Delivery d : batch) {
        String body = new String(d.body(), StandardCharsets.UTF_8);
        recorder.record(d);
        if (body.endsWith("|0") && releasedOnce.add(body)) {
          releasedAt.put(body, System.nanoTime());
          d.release(delay);
        } else {
          d.ack();
        }
      }
    }, 2, new Source(commands, Set.of("w.Retry")));
    List<OutgoingMessage> batch = spread(commands, "w.Retry", 12, 3); // keys 0..2, seq 0..3; seq 0 released once

    publishConfirmed(batch);

    await(() -> recorder.counts().keySet().containsAll(bodies(batch))
        && recorder.counts().entrySet().stream().filter(e -> e.getKey().endsWith("|0")).allMatch(e -> e.getValue() >= 2),
        "12 messages, the 3 released ones twice");
    quiet();
    Map<String, Integer> counts = recorder.counts();
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(bodies(batch));
    counts.forEach((body, n) -> {
      if (body.endsWith("|0")) {
        if (releaseRedeliversOnlyThatMessage()) {
          assertThat(n).as("deliveries of released %s", body).isEqualTo(2);
        } else {
          assertThat(n).as("deliveries of released %s", body).isGreaterThanOrEqualTo(2);
        }
      } else if (releaseRedeliversOnlyThatMessage()) {
        assertThat(n).as("deliveries of %s", body).isEqualTo(1);
      } else {
        assertThat(n).as("deliveries of %s", body).isPositive();
      }
    });
    for (Recorder.Received r : recorder.received()) {
      Long at = releasedAt.get(r.body());
      boolean redelivery = at != null && r.atNanos() > at;
      if (redelivery && countsRedeliveries()) {
        assertThat(r.deliveryCount()).as("delivery count after release").isGreaterThanOrEqualTo(2);
      }
      if (redelivery && honoursReleaseDelay()) {
        assertThat(Duration.ofNanos(r.atNanos() - at)).as("time before redelivery").isGreaterThanOrEqualTo(delay);
      }
    }
  }

  @Test
  void deliveriesLeftUnsettledByTheHandlerAreRedelivered() throws Exception {
    Destination events = Destination.events(randomDomain());
    AtomicBoolean firstCall = new AtomicBoolean(true);
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), batch -> {
      if (firstCall.compareAndSet(true, false)) {
        return; // Settles nothing: the transport must release the whole batch.
      }
      recorder.handle(batch);
    }, 1, new Source(events, Set.of("w.Placed")));
    List<OutgoingMessage> batch = spread(events, "w.Placed", 5, 1);

    publishConfirmed(batch);

    awaitCount(recorder, 5, "unsettled deliveries delivered again");
    quiet();
    assertExactlyOnce(recorder, bodies(batch));
    assertThat(recorder.bodies()).as("one key keeps its order").isEqualTo(bodies(batch));
  }

  @Test
  void aDeliveryIsSettledExactlyOnceAndReleaseNeedsADelay() throws Exception {
    Destination events = Destination.events(randomDomain());
    List<String> outcomes = new CopyOnWriteArrayList<>();
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), batch -> {
      for (Delivery d : batch) {
        outcomes.add(attempt(() -> d.release(null)));
        outcomes.add(attempt(() -> d.release(Duration.ofMillis(-1))));
        recorder.handle(List.of(d)); // acknowledges: the two refused releases left it open
        outcomes.add(attempt(d::ack));
        outcomes.add(attempt(() -> d.release(Duration.ZERO)));
      }
    }, 1, new Source(events, Set.of("w.Placed")));

    publishConfirmed(List.of(message(events, "w.Placed", "k", 0)));

    awaitCount(recorder, 1, "the message delivered");
    quiet();
    assertThat(recorder.count()).as("acknowledged once, not redelivered").isEqualTo(1);
    assertThat(outcomes).containsExactly("NullPointerException", "IllegalArgumentException",
        "IllegalStateException", "IllegalStateException");
  }

  private static String attempt(Runnable settle) {
    try {
      settle.run();
      return "settled";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Test
  void statsCountPublishesAndSettlementsAndSayWhetherTheTransportIsOpen() throws Exception {
    Destination events = Destination.events(randomDomain());
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 2, new Source(events, Set.of("w.Placed")));
    List<OutgoingMessage> batch = spread(events, "w.Placed", 20, 4);

    publishConfirmed(batch);

    awaitCount(recorder, 20, "messages delivered");
    await(() -> transport.stats().published() >= 20 && transport.stats().acknowledged() >= 20,
        "published and acknowledged counted: " + transport.stats());
    TransportStats stats = transport.stats();
    assertThat(stats.transport()).isEqualTo(transport.name());
    assertThat(stats.open()).isTrue();
    assertThat(stats.subscriptions()).isEqualTo(1);
    assertThat(stats.delivered()).isGreaterThanOrEqualTo(20);
    assertThat(stats.publishFailed()).isZero();
    transport.close();
    assertThat(transport.stats().open()).as("open after close").isFalse();
    assertThat(transport.stats().subscriptions()).isZero();
  }

  // ---------------------------------------------------------------------------------------------- message options

  /**
   * A message whose time to live has passed is acknowledged without reaching a handler, whether the broker dropped
   * it itself (RabbitMQ, Service Bus: the expiry is passed to them) or delivered it to the consumer, which checks.
   */
  @Test
  void anExpiredMessageNeverReachesAHandler() throws Exception {
    Destination commands = Destination.commands(randomDomain());
    String subscriber = randomSubscriber();
    List<String> handled = new CopyOnWriteArrayList<>();
    subscribe(subscriber, ExpiringEnvelopes.pipeline(subscriber, "w.Expiring", handled), 1,
        new Source(commands, Set.of("w.Expiring")));

    publishConfirmed(List.of(
        ExpiringEnvelopes.message(commands, "w.Expiring", "k", "expired", Instant.now().minusSeconds(60)),
        ExpiringEnvelopes.message(commands, "w.Expiring", "k", "fresh", Instant.now().plusSeconds(3600))));

    await(() -> handled.contains("fresh"), "the fresh message handled");
    quiet();
    assertThat(handled).containsExactly("fresh");
    assertThat(transport.stats().released()).as("nothing released for a retry").isZero();
  }

  @Test
  void aPrioritisedMessageIsDeliveredAndABrokerWithoutPrioritiesSaysSoOncePerType() throws Exception {
    Destination commands = Destination.commands(randomDomain());
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 1, new Source(commands, Set.of("w.Urgent")));
    List<OutgoingMessage> urgent = new ArrayList<>();
    for (int seq = 0; seq < 3; seq++) {
      OutgoingMessage m = message(commands, "w.Urgent", "k", seq);
      urgent.add(new OutgoingMessage(m.messageId(), m.wireName(), m.destination(), m.partitionKey(), 7, m.headers(),
          m.body()));
    }

    List<String> warnings = WarningsSeen.during(IgnoredPriorities.class, () -> {
      for (OutgoingMessage m : urgent) {
        publishConfirmed(List.of(m));                  // three publish calls: still one warning for the type
      }
    });

    awaitCount(recorder, urgent.size(), "prioritised messages delivered");
    quiet();
    assertExactlyOnce(recorder, bodies(urgent));
    List<String> aboutUrgent = warnings.stream().filter(w -> w.contains("w.Urgent")).toList();
    if (honoursPriorities()) {
      assertThat(aboutUrgent).as("warnings on a broker with priorities").isEmpty();
    } else {
      assertThat(aboutUrgent).as("warnings about w.Urgent").hasSize(1);
      assertThat(aboutUrgent.get(0)).contains("has no message priorities: w.Urgent (priority 7)");
    }
  }

  /**
   * A scheduled message waits in an outbox's schedule (H2 here) until it is due by the database's clock; the relay
   * then publishes it on this broker like any outbox row. A cancelled one never goes.
   */
  @Test
  void theRelayPublishesAScheduledMessageWhenDueAndNeverACancelledOne() throws Exception {
    Destination commands = Destination.commands(randomDomain());
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 1, new Source(commands, Set.of("w.Later")));
    OutgoingMessage later = message(commands, "w.Later", "k", 1);
    OutgoingMessage cancelled = message(commands, "w.Later", "k", 2);
    try (ScheduledOutboxes outbox = ScheduledOutboxes.inMemory()) {
      ScheduledMessage due = outbox.schedule(later, Duration.ofMillis(700));
      ScheduledMessage dropped = outbox.schedule(cancelled, Duration.ofMillis(700));
      assertThat(outbox.cancel(dropped)).isTrue();

      try (Relay relay = outbox.relay(transport)) {
        relay.start();
        awaitCount(recorder, 1, "the scheduled message published");
        Instant arrived = Instant.now();
        quiet();
        assertThat(arrived).isAfterOrEqualTo(due.dueAt());
      }
    }
    assertThat(recorder.bodies()).containsExactlyElementsOf(bodies(List.of(later)));
  }

  // ---------------------------------------------------------------------------------------------- ordering contract

  @Test
  void messagesOfAKeyKeepTheOrderOfPublishCallsThatWereNotAwaited() throws Exception {
    Destination events = Destination.events(randomDomain());
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 4, new Source(events, Set.of("w.Step")));
    List<OutgoingMessage> all = spread(events, "w.Step", 600, 20);

    // Calls of one to three messages, issued back to back by this thread, none awaited before the next.
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int from = 0, n = 1; from < all.size(); from += n, n = n % 3 + 1) {
      futures.addAll(transport.publish(all.subList(from, Math.min(from + n, all.size()))));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);

    awaitCount(recorder, all.size(), "messages of unawaited calls delivered");
    quiet();
    assertExactlyOnce(recorder, bodies(all));
    assertInOrderPerKey(recorder.bodies(), 20, 30);
  }

  @Test
  void aFailedMessageFailsTheLaterMessagesOfItsKeyInTheSameCall() throws Exception {
    Destination events = Destination.events(randomDomain());
    OutgoingMessage refused = unpublishable(events, "w.Step", "key-a", 1);
    Assumptions.assumeTrue(refused != null, transport.name() + " cannot be made to refuse one message at publish");
    Recorder recorder = new Recorder();
    subscribe(randomSubscriber(), recorder, 2, new Source(events, Set.of("w.Step")));
    OutgoingMessage a0 = message(events, "w.Step", "key-a", 0);
    OutgoingMessage a2 = message(events, "w.Step", "key-a", 2);
    List<OutgoingMessage> others = List.of(message(events, "w.Step", "key-b", 0),
        message(events, "w.Step", "key-b", 1), message(events, "w.Step", "key-b", 2));
    List<OutgoingMessage> batch = List.of(a0, others.get(0), refused, others.get(1), a2, others.get(2));

    List<CompletableFuture<Void>> futures = transport.publish(batch);
    assertThat(futures).hasSameSizeAs(batch);
    for (CompletableFuture<Void> f : futures) {
      try {
        f.get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException expectedForSome) {
        // checked below
      }
    }

    assertThat(futures.get(0)).as("the message of the key before the refused one").isNotCompletedExceptionally();
    assertThat(futures.get(2)).as("the refused message").isCompletedExceptionally();
    assertThat(futures.get(4)).as("the message of the key after the refused one").isCompletedExceptionally();
    List<String> expected = new ArrayList<>(bodies(List.of(a0)));
    for (int i : new int[] {1, 3, 5}) {
      // Another key may be sent or fail with it; what was confirmed must arrive.
      if (!futures.get(i).isCompletedExceptionally()) {
        expected.add(bodies(List.of(batch.get(i))).get(0));
      }
    }
    awaitCount(recorder, expected.size(), "the confirmed messages delivered");
    quiet();
    assertExactlyOnce(recorder, expected);
  }

  @Test
  void aReleasedMessageHoldsTheLaterMessagesOfItsKeyUntilItIsHandled() throws Exception {
    Destination commands = Destination.commands(randomDomain());
    Duration delay = Duration.ofMillis(200);
    Map<String, Integer> releases = new ConcurrentHashMap<>();
    List<String> acked = java.util.Collections.synchronizedList(new ArrayList<>());
    // As the inbox does: the first message of each key fails twice; later messages of a key released in a batch
    // are released with it.
    subscribe(randomSubscriber(), batch -> {
      Set<String> releasedKeys = new HashSet<>();
      for (Delivery d : batch) {
        String body = new String(d.body(), StandardCharsets.UTF_8);
        if (releasedKeys.contains(keyOf(body))) {
          d.release(delay);
        } else if (seqOf(body) == 0 && releases.merge(body, 1, Integer::sum) <= 2) {
          releasedKeys.add(keyOf(body));
          d.release(delay);
        } else {
          acked.add(body);
          d.ack();
        }
      }
    }, 2, new Source(commands, Set.of("w.Retry")));
    List<OutgoingMessage> batch = spread(commands, "w.Retry", 20, 4);

    publishConfirmed(batch);

    await(() -> new HashSet<>(List.copyOf(acked)).containsAll(bodies(batch)), "every message handled");
    quiet();
    List<String> firstAcks = new ArrayList<>(new java.util.LinkedHashSet<>(List.copyOf(acked)));
    assertInOrderPerKey(firstAcks, 4, 5);
    if (releaseRedeliversOnlyThatMessage()) {
      assertThat(acked).as("each message handled once").hasSize(batch.size());
    }
  }

  @Test
  void aReleasedMessageHoldsItsKeyWhenAnotherSubscriptionTakesOver() throws Exception {
    Assumptions.assumeTrue(keepsReleasedKeysHeldAcrossHandOver(),
        transport.name() + " does not keep a released key held across a hand-over");
    Destination commands = Destination.commands(randomDomain());
    String service = randomSubscriber();
    Source source = new Source(commands, Set.of("w.Retry"));
    List<String> handled = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch released = new CountDownLatch(1);
    // The first instance fails key-0's first message once (released for a second) and handles everything else
    // it is given; then it goes away while that message waits out its delay.
    Subscription first = subscribe(service, batch -> {
      Set<String> releasedKeys = new HashSet<>();
      for (Delivery d : batch) {
        String body = new String(d.body(), StandardCharsets.UTF_8);
        boolean firstOfKeyZero = keyOf(body).equals("key-0") && seqOf(body) == 0 && released.getCount() > 0;
        if (firstOfKeyZero || releasedKeys.contains(keyOf(body))) {
          releasedKeys.add(keyOf(body));
          d.release(Duration.ofSeconds(1));
          released.countDown();
        } else {
          handled.add(body);
          d.ack();
        }
      }
    }, 1, source);
    List<OutgoingMessage> batch = spread(commands, "w.Retry", 10, 2);

    publishConfirmed(batch);
    assertThat(released.await(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS)).as("key-0 released").isTrue();
    first.close();
    subscribe(service, b -> {
      for (Delivery d : b) {
        handled.add(new String(d.body(), StandardCharsets.UTF_8));
        d.ack();
      }
    }, 1, source);

    await(() -> new HashSet<>(List.copyOf(handled)).containsAll(bodies(batch)),
        "every message handled by one of the instances");
    quiet();
    assertInOrderPerKey(new ArrayList<>(new java.util.LinkedHashSet<>(List.copyOf(handled))), 2, 5);
  }

  private static void assertInOrderPerKey(List<String> bodies, int keys, int perKey) {
    Map<String, List<Integer>> seqs = new HashMap<>();
    for (String body : bodies) {
      seqs.computeIfAbsent(keyOf(body), k -> new ArrayList<>()).add(seqOf(body));
    }
    assertThat(seqs).hasSize(keys);
    List<Integer> expected = java.util.stream.IntStream.range(0, perKey).boxed().toList();
    seqs.forEach((key, got) -> assertThat(got).as("sequence of %s", key).isEqualTo(expected));
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  @Test
  void aClosedSubscriptionReceivesNothingMore() throws Exception {
    Destination events = Destination.events(randomDomain());
    Recorder closed = new Recorder();
    Recorder open = new Recorder();
    Subscription toClose = subscribe(randomSubscriber(), closed, 1, new Source(events, Set.of("w.Placed")));
    subscribe(randomSubscriber(), open, 1, new Source(events, Set.of("w.Placed")));
    toClose.close();
    toClose.close(); // idempotent

    List<OutgoingMessage> batch = spread(events, "w.Placed", 10, 2);
    publishConfirmed(batch);

    awaitCount(open, 10, "messages delivered to the open subscription");
    quiet();
    assertThat(closed.bodies()).isEmpty();
  }

  @Test
  void publishAfterCloseFailsWithAClearError() {
    transport.close();
    OutgoingMessage m = message(Destination.events(randomDomain()), "w.Placed", "k", 0);

    Throwable failure = null;
    try {
      List<CompletableFuture<Void>> futures = transport.publish(List.of(m));
      assertThat(futures).hasSize(1);
      futures.get(0).get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (RuntimeException e) {
      failure = e;
    } catch (InterruptedException | TimeoutException e) {
      fail("publish after close neither failed nor completed", e);
    }
    assertClosedError(failure);
  }

  @Test
  void subscribeAfterCloseFailsWithAClearError() {
    transport.close();
    Throwable failure = null;
    try {
      transport.subscribe(new SubscriptionRequest(randomSubscriber(),
          List.of(new Source(Destination.events(randomDomain()), Set.of("w.Placed"))), 1), new Recorder());
    } catch (RuntimeException e) {
      failure = e;
    }
    assertClosedError(failure);
  }

  @Test
  void closingTwiceIsHarmless() {
    transport.close();
    transport.close();
    assertThat(transport.name()).isNotBlank();
  }

  // ---------------------------------------------------------------------------------------------- helpers

  /** A fresh lower-case domain name, valid in every broker's naming rules, unique to this test. */
  protected static String randomDomain() {
    return "ct" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  /** A fresh subscriber id, unique to this test. */
  protected static String randomSubscriber() {
    return "sub" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  /** Subscribes, waits until ready, and closes the subscription after the test. */
  protected final Subscription subscribe(String subscriberId, DeliveryHandler handler,
      int concurrency, Source... sources) throws Exception {
    Subscription s = transport.subscribe(new SubscriptionRequest(subscriberId, List.of(sources), concurrency),
        handler);
    subscriptions.add(s);
    awaitReady(s);
    return s;
  }

  /** Publishes {@code batch} and fails unless every message is confirmed within the delivery timeout. */
  protected final void publishConfirmed(List<OutgoingMessage> batch) throws Exception {
    List<CompletableFuture<Void>> futures = transport.publish(batch);
    assertThat(futures).hasSameSizeAs(batch);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void awaitCount(Recorder recorder, int count, String what) throws InterruptedException {
    await(() -> recorder.count() >= count, what + " (expected " + count + ")");
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + deliveryTimeout().toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("Timed out after " + deliveryTimeout() + " waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }

  private void quiet() throws InterruptedException {
    Thread.sleep(quietPeriod().toMillis());
  }

  private static void assertExactlyOnce(Recorder recorder, List<String> expected) {
    Map<String, Integer> counts = recorder.counts();
    assertThat(counts.keySet()).as("messages received").containsExactlyInAnyOrderElementsOf(expected);
    counts.forEach((body, n) -> assertThat(n).as("deliveries of %s", body).isEqualTo(1));
  }

  private static void assertClosedError(Throwable failure) {
    assertThat(failure).as("an error for using a closed transport").isNotNull();
    Throwable t = failure;
    while (t != null && !(t instanceof IllegalStateException)) {
      t = t.getCause();
    }
    assertThat(t).as("IllegalStateException in %s", failure).isInstanceOf(IllegalStateException.class);
    assertThat(t.getMessage()).containsIgnoringCase("closed");
  }
}
