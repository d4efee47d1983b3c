package io.whizbang.servicebus.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusRuleManagerClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.administration.models.CorrelationRuleFilter;
import com.azure.messaging.servicebus.administration.models.CreateRuleOptions;
import com.azure.messaging.servicebus.administration.models.RuleProperties;
import com.azure.messaging.servicebus.administration.models.SqlRuleFilter;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test server driven by the official SDK: each test checks one behaviour of Service Bus it reproduces. */
class ServiceBusTestServerTest {

  // Retries soon after the dedicated server comes back. The max delay stays at its default (a minute), far above
  // any backoff reached: a backoff past the max delay makes reactor's jitter fail ("bound must be greater than
  // origin").
  private static final AmqpRetryOptions QUICK_RETRIES = new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(15))
      .setMaxRetries(6).setDelay(Duration.ofMillis(200));

  private final TestServiceBus bus = TestServiceBus.shared();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private ServiceBusClientBuilder builder;

  @BeforeEach
  void setUp() {
    bus.requireRunning();
    builder = new ServiceBusClientBuilder().connectionString(bus.connectionString())
        .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(10)).setMaxRetries(1));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    closing.add(c);
    return c;
  }

  private ServiceBusSenderClient sender(String queue) {
    return closeLater(builder.sender().queueName(queue).buildClient());
  }

  private ServiceBusReceiverClient receiver(String queue) {
    return closeLater(builder.receiver().queueName(queue).disableAutoComplete().buildClient());
  }

  private List<ServiceBusReceivedMessage> receive(ServiceBusReceiverClient receiver, int count) {
    List<ServiceBusReceivedMessage> all = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (all.size() < count && System.nanoTime() < deadline) {
      receiver.receiveMessages(count - all.size(), Duration.ofSeconds(2)).forEach(all::add);
    }
    return all;
  }

  @Test
  void sendsAndReceivesOneMessageWithItsProperties() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromString("hello")).setMessageId("m-1")
        .setSubject("greeting").setCorrelationId("c-1").setContentType("text/plain");
    message.getApplicationProperties().put("count", 42L);
    message.getApplicationProperties().put("kind", "test");
    sender(queue).sendMessage(message);

    ServiceBusReceiverClient receiver = receiver(queue);
    List<ServiceBusReceivedMessage> got = receive(receiver, 1);

    assertThat(got).hasSize(1);
    ServiceBusReceivedMessage m = got.get(0);
    assertThat(m.getBody().toString()).isEqualTo("hello");
    assertThat(m.getMessageId()).isEqualTo("m-1");
    assertThat(m.getSubject()).isEqualTo("greeting");
    assertThat(m.getCorrelationId()).isEqualTo("c-1");
    assertThat(m.getApplicationProperties()).containsEntry("count", 42L).containsEntry("kind", "test");
    assertThat(m.getSequenceNumber()).isPositive();
    assertThat(m.getEnqueuedTime()).isNotNull();
    assertThat(m.getLockToken()).isNotEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(m.getLockedUntil()).isAfter(m.getEnqueuedTime());
    receiver.complete(m);
    assertThat(bus.counts(queue)).isEqualTo(new TestServiceBus.Counts(0, 0, 0, 0, 0));
  }

  @Test
  void unpacksABatch() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    ServiceBusSenderClient sender = sender(queue);
    ServiceBusMessageBatch batch = sender.createMessageBatch();
    for (int i = 0; i < 20; i++) {
      assertThat(batch.tryAddMessage(new ServiceBusMessage("m" + i).setMessageId("id-" + i))).isTrue();
    }
    sender.sendMessages(batch);

    List<ServiceBusReceivedMessage> got = receive(receiver(queue), 20);

    assertThat(got).extracting(m -> m.getBody().toString())
        .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
  }

  @Test
  void topicFansOutToTheSubscriptionsWhoseRulesMatch() {
    String topic = TestServiceBus.uniqueName("t");
    bus.declareTopic(topic);
    bus.declareSubscription(topic, "all");
    bus.declareSubscription(topic, "only-a", TestServiceBus.subscription().correlationRule("a", Map.of("kind", "a")));
    bus.declareSubscription(topic, "only-b", TestServiceBus.subscription().sqlRule("b", "kind = 'b'"));
    ServiceBusSenderClient sender = closeLater(builder.sender().topicName(topic).buildClient());
    for (String kind : List.of("a", "b", "c")) {
      ServiceBusMessage m = new ServiceBusMessage(kind);
      m.getApplicationProperties().put("kind", kind);
      sender.sendMessage(m);
    }

    assertThat(bodies(subscriptionReceiver(topic, "all"), 3)).containsExactly("a", "b", "c");
    assertThat(bodies(subscriptionReceiver(topic, "only-a"), 1)).containsExactly("a");
    assertThat(bodies(subscriptionReceiver(topic, "only-b"), 1)).containsExactly("b");
    assertThat(bus.counts(topic + "/subscriptions/only-a").active()).isZero();
  }

  private ServiceBusReceiverClient subscriptionReceiver(String topic, String subscription) {
    return closeLater(builder.receiver().topicName(topic).subscriptionName(subscription).disableAutoComplete()
        .buildClient());
  }

  private List<String> bodies(ServiceBusReceiverClient receiver, int count) {
    List<String> bodies = new ArrayList<>();
    for (ServiceBusReceivedMessage m : receive(receiver, count)) {
      bodies.add(m.getBody().toString());
      receiver.complete(m);
    }
    return bodies;
  }

  @Test
  void abandonedMessageComesBackWithItsDeliveryCountRaised() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    sender(queue).sendMessage(new ServiceBusMessage("again").setMessageId("a-1"));
    ServiceBusReceiverClient receiver = receiver(queue);

    ServiceBusReceivedMessage first = receive(receiver, 1).get(0);
    receiver.abandon(first);
    ServiceBusReceivedMessage second = receive(receiver, 1).get(0);

    assertThat(second.getMessageId()).isEqualTo("a-1");
    assertThat(second.getSequenceNumber()).isEqualTo(first.getSequenceNumber());
    assertThat(second.getDeliveryCount()).isEqualTo(first.getDeliveryCount() + 1);
    receiver.complete(second);
  }

  @Test
  void deferredMessageIsReceivedAgainBySequenceNumber() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    sender(queue).sendMessage(new ServiceBusMessage("later"));
    ServiceBusReceiverClient receiver = receiver(queue);
    ServiceBusReceivedMessage m = receive(receiver, 1).get(0);

    receiver.defer(m);
    assertThat(bus.counts(queue).deferred()).isEqualTo(1);
    assertThat(receiver.receiveMessages(1, Duration.ofSeconds(1))).isEmpty();
    ServiceBusReceivedMessage deferred = receiver.receiveDeferredMessage(m.getSequenceNumber());

    assertThat(deferred.getBody().toString()).isEqualTo("later");
    receiver.complete(deferred);
    assertThat(bus.counts(queue)).isEqualTo(new TestServiceBus.Counts(0, 0, 0, 0, 0));
  }

  @Test
  void deadLetteredMessageLandsInTheDeadLetterQueueWithReasonAndDescription() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    sender(queue).sendMessage(new ServiceBusMessage("poison"));
    ServiceBusReceiverClient receiver = receiver(queue);
    receiver.deadLetter(receive(receiver, 1).get(0),
        new DeadLetterOptions().setDeadLetterReason("Unreadable").setDeadLetterErrorDescription("no schema"));

    ServiceBusReceiverClient dlq = closeLater(builder.receiver().queueName(queue)
        .subQueue(SubQueue.DEAD_LETTER_QUEUE).disableAutoComplete().buildClient());
    ServiceBusReceivedMessage dead = receive(dlq, 1).get(0);

    assertThat(dead.getBody().toString()).isEqualTo("poison");
    assertThat(dead.getDeadLetterReason()).isEqualTo("Unreadable");
    assertThat(dead.getDeadLetterErrorDescription()).isEqualTo("no schema");
    assertThat(dead.getDeadLetterSource()).isEqualTo(queue);
    dlq.complete(dead);
  }

  @Test
  void exceedingTheMaxDeliveryCountDeadLettersTheMessage() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue, TestServiceBus.queue().maxDeliveryCount(2));
    sender(queue).sendMessage(new ServiceBusMessage("fails"));
    ServiceBusReceiverClient receiver = receiver(queue);

    receiver.abandon(receive(receiver, 1).get(0));
    receiver.abandon(receive(receiver, 1).get(0));

    assertThat(receiver.receiveMessages(1, Duration.ofSeconds(1))).isEmpty();
    ServiceBusReceiverClient dlq = closeLater(builder.receiver().queueName(queue)
        .subQueue(SubQueue.DEAD_LETTER_QUEUE).disableAutoComplete().buildClient());
    ServiceBusReceivedMessage dead = receive(dlq, 1).get(0);
    assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
    assertThat(dead.getDeliveryCount()).isEqualTo(2);
  }

  @Test
  void lockIsRenewedAndAnExpiredLockReturnsTheMessage() throws InterruptedException {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue, TestServiceBus.queue().lockDuration(Duration.ofMillis(1500)));
    sender(queue).sendMessage(new ServiceBusMessage("slow"));
    ServiceBusReceiverClient receiver = closeLater(builder.receiver().queueName(queue).disableAutoComplete()
        .maxAutoLockRenewDuration(Duration.ZERO).buildClient());
    ServiceBusReceivedMessage m = receive(receiver, 1).get(0);

    OffsetDateTime renewed = receiver.renewMessageLock(m);
    assertThat(renewed).isAfter(m.getLockedUntil());
    Thread.sleep(2500);

    ServiceBusReceivedMessage again = receive(receiver, 1).get(0);
    assertThat(again.getSequenceNumber()).isEqualTo(m.getSequenceNumber());
    assertThat(again.getDeliveryCount()).isEqualTo(m.getDeliveryCount() + 1);
    assertThatThrownBy(() -> receiver.complete(m)).isInstanceOfSatisfying(ServiceBusException.class,
        e -> assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGE_LOCK_LOST));
    receiver.complete(again);
  }

  @Test
  void receiveAndDeleteTakesTheMessageAway() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    sender(queue).sendMessage(new ServiceBusMessage("once"));
    ServiceBusReceiverClient receiver = closeLater(builder.receiver().queueName(queue)
        .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient());

    assertThat(receive(receiver, 1)).extracting(m -> m.getBody().toString()).containsExactly("once");
    assertThat(bus.counts(queue)).isEqualTo(new TestServiceBus.Counts(0, 0, 0, 0, 0));
  }

  @Test
  void sessionsAreDeliveredInOrderToOneReceiverEach() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue, TestServiceBus.queue().requiresSession(true));
    ServiceBusSenderClient sender = sender(queue);
    for (int i = 0; i < 5; i++) {
      for (String session : List.of("s1", "s2")) {
        sender.sendMessage(new ServiceBusMessage(session + "-" + i).setSessionId(session));
      }
    }
    ServiceBusSessionReceiverClient sessions = closeLater(builder.sessionReceiver().queueName(queue)
        .disableAutoComplete().buildClient());

    ServiceBusReceiverClient s1 = closeLater(sessions.acceptSession("s1"));
    ServiceBusReceiverClient next = closeLater(sessions.acceptNextSession());
    ServiceBusSessionReceiverClient otherClient = closeLater(new ServiceBusClientBuilder()
        .connectionString(bus.connectionString()).sessionReceiver().queueName(queue).buildClient());
    assertThatThrownBy(() -> otherClient.acceptSession("s1")).isInstanceOfSatisfying(AmqpException.class,
        e -> assertThat(e.getErrorCondition()).isEqualTo(AmqpErrorCondition.SESSION_CANNOT_BE_LOCKED))
        .hasMessageContaining("'s1' cannot be accepted");

    assertThat(next.getSessionId()).isEqualTo("s2");
    assertThat(bodies(s1, 5)).containsExactly("s1-0", "s1-1", "s1-2", "s1-3", "s1-4");
    ServiceBusReceivedMessage first = receive(next, 1).get(0);
    next.abandon(first);
    assertThat(bodies(next, 5)).containsExactly("s2-0", "s2-1", "s2-2", "s2-3", "s2-4");
    next.setSessionState("done".getBytes());
    assertThat(new String(next.getSessionState())).isEqualTo("done");
  }

  @Test
  void askingForTheNextSessionWhenNoneHasMessagesTimesOut() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue, TestServiceBus.queue().requiresSession(true));
    ServiceBusSessionReceiverClient sessions = closeLater(new ServiceBusClientBuilder()
        .connectionString(bus.connectionString())
        .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(4)).setMaxRetries(0))
        .sessionReceiver().queueName(queue).buildClient());
    sessions.acceptSession("warm-up").close(); // the connection is up: the wait below is the server's alone

    // The SDK asks the server to wait a second less than its own timeout; the server then closes the link with
    // com.microsoft:timeout, which the SDK reports as it is.
    assertThatThrownBy(sessions::acceptNextSession).hasMessageContaining("com.microsoft:timeout");
  }

  @Test
  void anExpiredSessionLockFreesTheSessionForAnotherReceiver() throws InterruptedException {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue, TestServiceBus.queue().requiresSession(true).lockDuration(Duration.ofMillis(1500)));
    sender(queue).sendMessage(new ServiceBusMessage("kept").setSessionId("s"));
    ServiceBusSessionReceiverClient first = closeLater(builder.sessionReceiver().queueName(queue)
        .maxAutoLockRenewDuration(Duration.ZERO).disableAutoComplete().buildClient());
    ServiceBusReceiverClient holder = closeLater(first.acceptSession("s"));
    ServiceBusReceivedMessage held = receive(holder, 1).get(0);

    Thread.sleep(2500);
    ServiceBusSessionReceiverClient second = closeLater(new ServiceBusClientBuilder()
        .connectionString(bus.connectionString()).sessionReceiver().queueName(queue).disableAutoComplete()
        .buildClient());
    ServiceBusReceiverClient taker = closeLater(second.acceptSession("s"));
    ServiceBusReceivedMessage again = receive(taker, 1).get(0);

    assertThat(again.getSequenceNumber()).isEqualTo(held.getSequenceNumber());
    assertThat(again.getDeliveryCount()).isEqualTo(1);
    taker.complete(again);
  }

  @Test
  void sessionProcessorServesFourSessionsAtOnceEachInOrder() throws InterruptedException {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue, TestServiceBus.queue().requiresSession(true));
    ServiceBusSenderClient sender = sender(queue);
    int sessionCount = 8;
    int perSession = 10;
    ServiceBusMessageBatch batch = sender.createMessageBatch();
    for (int i = 0; i < perSession; i++) {
      for (int s = 0; s < sessionCount; s++) {
        batch.tryAddMessage(new ServiceBusMessage(Integer.toString(i)).setSessionId("s" + s));
      }
    }
    sender.sendMessages(batch);
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    List<Throwable> errors = new CopyOnWriteArrayList<>();

    ServiceBusProcessorClient processor = builder.sessionProcessor().queueName(queue).maxConcurrentSessions(4)
        .sessionIdleTimeout(Duration.ofSeconds(1))
        .processMessage(context -> {
          int now = concurrent.incrementAndGet();
          maxConcurrent.accumulateAndGet(now, Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          seen.computeIfAbsent(context.getMessage().getSessionId(), k -> Collections.synchronizedList(new ArrayList<>()))
              .add(Integer.parseInt(context.getMessage().getBody().toString()));
          concurrent.decrementAndGet();
        })
        .processError(context -> errors.add(context.getException()))
        .buildProcessorClient();
    processor.start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.values().stream().mapToInt(List::size).sum() < sessionCount * perSession
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } finally {
      processor.close();
    }

    assertThat(seen).hasSize(sessionCount);
    for (List<Integer> received : seen.values()) {
      assertThat(received).containsExactlyElementsOf(IntStream.range(0, perSession).boxed().toList());
    }
    assertThat(maxConcurrent.get()).isBetween(2, 4);
    assertThat(bus.counts(queue).active()).isZero();
  }

  @Test
  void duplicateMessageIdWithinTheWindowIsDropped() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue, TestServiceBus.queue().duplicateDetection(Duration.ofMinutes(1)));
    ServiceBusSenderClient sender = sender(queue);
    sender.sendMessage(new ServiceBusMessage("first").setMessageId("same"));
    sender.sendMessage(new ServiceBusMessage("second").setMessageId("same"));
    sender.sendMessage(new ServiceBusMessage("other").setMessageId("different"));

    assertThat(bodies(receiver(queue), 2)).containsExactly("first", "other");
    assertThat(bus.counts(queue).active()).isZero();
  }

  @Test
  void scheduledMessageArrivesAtItsTimeAndACancelledOneNever() throws InterruptedException {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    ServiceBusSenderClient sender = sender(queue);
    OffsetDateTime at = OffsetDateTime.now().plusSeconds(2);
    long kept = sender.scheduleMessage(new ServiceBusMessage("kept"), at);
    long cancelled = sender.scheduleMessage(new ServiceBusMessage("cancelled"), at);
    sender.cancelScheduledMessage(cancelled);
    assertThat(bus.counts(queue).scheduled()).isEqualTo(1);

    ServiceBusReceiverClient receiver = receiver(queue);
    assertThat(receiver.receiveMessages(1, Duration.ofMillis(500))).isEmpty();
    List<ServiceBusReceivedMessage> got = receive(receiver, 1);

    assertThat(got).hasSize(1);
    assertThat(got.get(0).getSequenceNumber()).isEqualTo(kept);
    assertThat(got.get(0).getScheduledEnqueueTime()).isNotNull();
    assertThat(got.get(0).getEnqueuedTime()).isAfterOrEqualTo(at.minusNanos(100_000_000));
    receiver.complete(got.get(0));
    Thread.sleep(300);
    assertThat(receiver.receiveMessages(1, Duration.ofMillis(500))).isEmpty();
  }

  @Test
  void sendingToAMissingEntityFailsNamingIt() {
    String missing = TestServiceBus.uniqueName("missing");

    assertThatThrownBy(() -> sender(missing).sendMessage(new ServiceBusMessage("x")))
        .isInstanceOfSatisfying(ServiceBusException.class,
            e -> assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND))
        .hasMessageContaining(missing).hasMessageContaining("could not be found");
  }

  @Test
  void controlApiRefusesWhatTheServerCannotHonour() {
    String topic = TestServiceBus.uniqueName("t");
    bus.declareTopic(topic);

    assertThatThrownBy(() -> bus.declareSubscription(topic, "like",
        TestServiceBus.subscription().sqlRule("like", "kind LIKE 'a%'")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("400")
        .hasMessageContaining("SQL filter 'kind LIKE 'a%'' is beyond what this test server understands");
    assertThatThrownBy(() -> bus.declareQueue("bad name"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a valid entity name");
    assertThatThrownBy(() -> bus.declareSubscription(TestServiceBus.uniqueName("no-topic"), "s"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("404").hasMessageContaining("could not be found");
  }

  @Test
  void messageLargerThanTheEntityLimitIsRefused() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue, TestServiceBus.queue().maxMessageSizeBytes(1024));

    assertThatThrownBy(() -> sender(queue).sendMessage(new ServiceBusMessage(new byte[4096])))
        .isInstanceOf(ServiceBusException.class).hasMessageContaining("1 kb");
    assertThat(bus.counts(queue).active()).isZero();
  }

  @Test
  void rulesAreManagedOverAmqp() {
    String topic = TestServiceBus.uniqueName("t");
    bus.declareTopic(topic);
    bus.declareSubscription(topic, "s");
    ServiceBusRuleManagerClient rules = closeLater(builder.ruleManager().topicName(topic).subscriptionName("s")
        .buildClient());
    rules.deleteRule("$Default");
    rules.createRule("sql-x", new CreateRuleOptions(new SqlRuleFilter("kind = 'x'")));
    CorrelationRuleFilter correlation = new CorrelationRuleFilter();
    correlation.getProperties().put("kind", "y");
    rules.createRule("correlation-y", new CreateRuleOptions(correlation));

    assertThat(rules.listRules()).extracting(RuleProperties::getName).containsExactly("sql-x", "correlation-y");
    ServiceBusSenderClient sender = closeLater(builder.sender().topicName(topic).buildClient());
    for (String kind : List.of("x", "y", "z")) {
      ServiceBusMessage m = new ServiceBusMessage(kind);
      m.getApplicationProperties().put("kind", kind);
      sender.sendMessage(m);
    }
    assertThat(bodies(subscriptionReceiver(topic, "s"), 2)).containsExactly("x", "y");
    assertThat(bus.counts(topic + "/subscriptions/s").active()).isZero();
  }

  @Test
  void peekShowsMessagesWithoutLockingThem() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    ServiceBusSenderClient sender = sender(queue);
    sender.sendMessage(new ServiceBusMessage("one"));
    sender.sendMessage(new ServiceBusMessage("two"));
    long scheduled = sender.scheduleMessage(new ServiceBusMessage("later"), OffsetDateTime.now().plusHours(1));
    ServiceBusReceiverClient receiver = receiver(queue);

    assertThat(receiver.peekMessages(5)).extracting(m -> m.getBody().toString() + "/" + m.getState())
        .containsExactly("one/ACTIVE", "two/ACTIVE", "later/SCHEDULED");
    assertThat(bodies(receiver, 2)).containsExactly("one", "two");
    assertThat(receiver.peekMessages(5, 0)).extracting(ServiceBusReceivedMessage::getSequenceNumber)
        .containsExactly(scheduled);
  }

  @Test
  void diskStorageKeepsEntitiesAndMessagesThroughAGracefulRestart() {
    try (TestServiceBus own = TestServiceBus.dedicated(true)) {
      String queue = TestServiceBus.uniqueName("q");
      own.declareQueue(queue);
      ServiceBusClientBuilder client = new ServiceBusClientBuilder().connectionString(own.connectionString())
          .retryOptions(QUICK_RETRIES);
      try (ServiceBusSenderClient sender = client.sender().queueName(queue).buildClient()) {
        for (String body : List.of("a", "b", "c")) {
          sender.sendMessage(new ServiceBusMessage(body));
        }
      }
      // Closed before the stop (a live client would reconnect and take the messages back), the receiver leaves its
      // message locked, as Service Bus does: the restart must make it available again.
      try (ServiceBusReceiverClient receiver = client.receiver().queueName(queue).disableAutoComplete()
          .prefetchCount(0).buildClient()) {
        assertThat(receive(receiver, 1)).hasSize(1);
      }
      assertThat(own.counts(queue).inFlight()).isEqualTo(1);

      own.stop();
      own.start();

      assertThat(own.counts(queue).active()).isEqualTo(3);
      try (ServiceBusReceiverClient after = client.receiver().queueName(queue).disableAutoComplete().buildClient()) {
        assertThat(bodies(after, 3)).containsExactly("a", "b", "c");
      }
    }
  }

  @Test
  void sdkReconnectsAfterTheServerCutsItsConnection() {
    try (TestServiceBus own = TestServiceBus.dedicated(false)) {
      String queue = TestServiceBus.uniqueName("q");
      own.declareQueue(queue);
      ServiceBusClientBuilder client = new ServiceBusClientBuilder().connectionString(own.connectionString())
          .retryOptions(QUICK_RETRIES);
      try (ServiceBusSenderClient sender = client.sender().queueName(queue).buildClient()) {
        sender.sendMessage(new ServiceBusMessage("before"));

        assertThat(own.cutConnections()).isPositive();
        sender.sendMessage(new ServiceBusMessage("after"));
      }

      assertThat(own.counts(queue).active()).isEqualTo(2);
    }
  }
}
