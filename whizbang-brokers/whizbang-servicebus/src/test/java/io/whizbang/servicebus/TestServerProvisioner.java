package io.whizbang.servicebus;

import io.whizbang.servicebus.testserver.TestServiceBus;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a {@link ServiceBusTopology} on the project's test server through its control API (the administration
 * client speaks HTTPS REST, which the test server does not), and remembers what it declared so that a test can delete
 * it afterwards. Entities get the settings the topology lists, plus {@code maxMessageSizeBytes} when a test sets one.
 */
final class TestServerProvisioner implements ServiceBusProvisioner {

  private final TestServiceBus server;
  private final Set<String> queues = ConcurrentHashMap.newKeySet();
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private volatile int maxMessageSizeBytes;

  TestServerProvisioner(TestServiceBus server) {
    this.server = server;
  }

  /** Entities declared from now on accept messages up to this size (0: the server's default, 256 KiB). */
  TestServerProvisioner maxMessageSizeBytes(int value) {
    maxMessageSizeBytes = value;
    return this;
  }

  @Override
  public void apply(ServiceBusTopology topology) {
    for (ServiceBusTopology.Queue q : topology.queues()) {
      TestServiceBus.QueueOptions options = TestServiceBus.queue().requiresSession(true)
          .maxDeliveryCount(q.maxDeliveryCount()).lockDuration(q.lockDuration());
      if (q.duplicateDetectionWindow() != null) {
        options.duplicateDetection(q.duplicateDetectionWindow());
      }
      if (maxMessageSizeBytes > 0) {
        options.maxMessageSizeBytes(maxMessageSizeBytes);
      }
      server.declareQueue(q.name(), options);
      queues.add(q.name());
    }
    for (ServiceBusTopology.Topic t : topology.topics()) {
      TestServiceBus.TopicOptions options = TestServiceBus.topic();
      if (t.duplicateDetectionWindow() != null) {
        options.duplicateDetection(t.duplicateDetectionWindow());
      }
      if (maxMessageSizeBytes > 0) {
        options.maxMessageSizeBytes(maxMessageSizeBytes);
      }
      server.declareTopic(t.name(), options);
      topics.add(t.name());
    }
    for (ServiceBusTopology.Subscription s : topology.subscriptions()) {
      TestServiceBus.SubscriptionOptions options = TestServiceBus.subscription().requiresSession(true)
          .maxDeliveryCount(s.maxDeliveryCount()).lockDuration(s.lockDuration());
      if (s.rules().isEmpty()) {
        options.sqlRule("nothing", "1=0");
      }
      s.rules().forEach(r -> options.correlationRule(r.name(), Map.of(r.property(), r.value())));
      server.declareSubscription(s.topic(), s.name(), options);
    }
  }

  /** Declares every topic declared so far again, with the current size limit (their messages stay). */
  void redeclareTopics() {
    for (String t : topics) {
      TestServiceBus.TopicOptions options = TestServiceBus.topic();
      if (maxMessageSizeBytes > 0) {
        options.maxMessageSizeBytes(maxMessageSizeBytes);
      }
      server.declareTopic(t, options);
    }
  }

  /** Deletes every queue and topic (with its subscriptions) this provisioner declared. */
  void deleteDeclared() {
    for (String q : queues) {
      quietly(() -> server.deleteQueue(q));
    }
    for (String t : topics) {
      quietly(() -> server.deleteTopic(t));
    }
    queues.clear();
    topics.clear();
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException ignored) {
      // already gone
    }
  }
}
