package io.whizbang.rabbitmq;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Gives each test its own name prefix and transports, and deletes everything it declared afterwards. */
abstract class BrokerTestBase {

  static final Duration WAIT = Duration.ofSeconds(20);

  final String prefix = Broker.uniquePrefix();
  final Names names = new Names(prefix);
  private final List<RabbitMqTransport> transports = new ArrayList<>();
  private final List<String> queues = new ArrayList<>();
  private final List<String> exchanges = new ArrayList<>();

  @BeforeEach
  void requireBroker() {
    Broker.require();
  }

  @AfterEach
  void cleanUp() {
    transports.forEach(RabbitMqTransport::close);
    queues.add(names.deadLetterQueue());
    exchanges.add(names.deadLetterExchange());
    Broker.delete(queues, exchanges);
  }

  RabbitMqTransport transport() {
    return transport(UnaryOperator.identity());
  }

  RabbitMqTransport transport(UnaryOperator<RabbitMqConfig.Builder> settings) {
    RabbitMqTransport transport = RabbitMqTransport.connect(settings.apply(Broker.config(prefix)).build());
    transports.add(transport);
    return transport;
  }

  /** A domain name whose exchange and command queue are deleted after the test. */
  String domain(String name) {
    exchanges.add(names.eventsExchange(name));
    queues.add(names.commandQueue(name));
    return name;
  }

  /** A subscriber id whose queue is deleted after the test. */
  String subscriber(String id) {
    queues.add(names.subscriberQueue(id));
    return id;
  }

  static SubscriptionRequest events(String subscriber, String domain, int concurrency, String... wireNames) {
    return new SubscriptionRequest(subscriber,
        List.of(new SubscriptionRequest.Source(Destination.events(domain), Set.of(wireNames))), concurrency);
  }

  static SubscriptionRequest commands(String subscriber, String domain, int concurrency, String... wireNames) {
    return new SubscriptionRequest(subscriber,
        List.of(new SubscriptionRequest.Source(Destination.commands(domain), Set.of(wireNames))), concurrency);
  }

  static OutgoingMessage event(String domain, String wireName, String key, String body) {
    return new OutgoingMessage(UUID.randomUUID(), wireName, Destination.events(domain), key, 0, Map.of(),
        Recorder.text(body));
  }

  static OutgoingMessage command(String domain, String wireName, String key, int priority, String body) {
    return new OutgoingMessage(UUID.randomUUID(), wireName, Destination.commands(domain), key, priority, Map.of(),
        Recorder.text(body));
  }
}
