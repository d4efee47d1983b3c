package io.whizbang.servicebus;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entities a service needs, with the settings they are created with: the value a {@link ServiceBusProvisioner}
 * applies (the administration client against a namespace, or a test server's declarations). Every queue and
 * subscription requires sessions (session id = partition key) and dead-letters to its own sub-queue.
 *
 * @param queues command queues
 * @param topics event topics
 * @param subscriptions subscriptions on those topics, each with its rules (the only rules it should have)
 */
public record ServiceBusTopology(List<Queue> queues, List<Topic> topics, List<Subscription> subscriptions) {

  /** The settings every created entity gets, from {@link ServiceBusConfig}. */
  public record Settings(Duration lockDuration, int maxDeliveryCount, Duration duplicateDetectionWindow) {}

  /**
   * A queue that requires sessions.
   *
   * @param duplicateDetectionWindow {@code null} when duplicate detection is off
   */
  public record Queue(String name, Duration lockDuration, int maxDeliveryCount, Duration duplicateDetectionWindow) {}

  /** A topic; {@code duplicateDetectionWindow} is {@code null} when duplicate detection is off. */
  public record Topic(String name, Duration duplicateDetectionWindow) {}

  /** A subscription that requires sessions and lets in only what its rules match. */
  public record Subscription(String topic, String name, Duration lockDuration, int maxDeliveryCount,
      List<Rule> rules) {
    public Subscription {
      rules = List.copyOf(rules);
    }
  }

  /** A correlation rule: messages whose application property {@code property} equals {@code value}. */
  public record Rule(String name, String property, String value) {}

  public ServiceBusTopology {
    queues = List.copyOf(queues);
    topics = List.copyOf(topics);
    subscriptions = List.copyOf(subscriptions);
  }

  /** What publishing to {@code destination} needs: the domain's topic or command queue. */
  public static ServiceBusTopology forPublishing(ServiceBusConfig config, Destination destination) {
    return destination.kind() == Destination.Kind.COMMANDS
        ? commandQueue(config.names(), destination.domain(), config.entitySettings())
        : eventTopic(config.names(), destination.domain(), config.entitySettings());
  }

  /** What {@code request} reads: command queues, and the subscriber's subscription on each domain's topic. */
  public static ServiceBusTopology forSubscription(ServiceBusConfig config, SubscriptionRequest request) {
    ServiceBusTopology all = empty();
    java.util.Map<String, Set<String>> wantedByDomain = new java.util.LinkedHashMap<>();
    for (SubscriptionRequest.Source source : request.sources()) {
      Destination d = source.destination();
      if (d.kind() == Destination.Kind.COMMANDS) {
        all = all.plus(commandQueue(config.names(), d.domain(), config.entitySettings()));
      } else {
        wantedByDomain.computeIfAbsent(d.domain(), k -> new TreeSet<>()).addAll(source.wireNames());
      }
    }
    for (java.util.Map.Entry<String, Set<String>> e : wantedByDomain.entrySet()) {
      all = all.plus(subscription(config.names(), e.getKey(), request.subscriberId(), e.getValue(),
          config.entitySettings()));
    }
    return all;
  }

  static ServiceBusTopology empty() {
    return new ServiceBusTopology(List.of(), List.of(), List.of());
  }

  static ServiceBusTopology commandQueue(ServiceBusNames names, String domain, Settings s) {
    return new ServiceBusTopology(List.of(new Queue(names.commandQueue(domain), s.lockDuration(),
        s.maxDeliveryCount(), s.duplicateDetectionWindow())), List.of(), List.of());
  }

  static ServiceBusTopology eventTopic(ServiceBusNames names, String domain, Settings s) {
    return new ServiceBusTopology(List.of(), List.of(new Topic(names.topic(domain), s.duplicateDetectionWindow())),
        List.of());
  }

  /** A topic and the subscription of {@code subscriberId} on it, with one rule per wire name. */
  static ServiceBusTopology subscription(ServiceBusNames names, String domain, String subscriberId,
      Set<String> wireNames, Settings s) {
    List<Rule> rules = new ArrayList<>();
    for (String wireName : new TreeSet<>(wireNames)) {
      rules.add(new Rule(ServiceBusNames.rule(wireName), WireMessage.TYPE_PROPERTY, wireName));
    }
    Topic topic = new Topic(names.topic(domain), s.duplicateDetectionWindow());
    return new ServiceBusTopology(List.of(), List.of(topic), List.of(new Subscription(topic.name(),
        names.subscription(subscriberId), s.lockDuration(), s.maxDeliveryCount(), rules)));
  }

  /** This topology and {@code other}'s entities together. */
  public ServiceBusTopology plus(ServiceBusTopology other) {
    Objects.requireNonNull(other, "other");
    List<Queue> q = new ArrayList<>(queues);
    other.queues.stream().filter(x -> !q.contains(x)).forEach(q::add);
    List<Topic> t = new ArrayList<>(topics);
    other.topics.stream().filter(x -> !t.contains(x)).forEach(t::add);
    List<Subscription> s = new ArrayList<>(subscriptions);
    other.subscriptions.stream().filter(x -> !s.contains(x)).forEach(s::add);
    return new ServiceBusTopology(q, t, s);
  }
}
