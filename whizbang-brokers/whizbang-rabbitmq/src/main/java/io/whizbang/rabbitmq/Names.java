package io.whizbang.rabbitmq;

import io.whizbang.runtime.transport.Destination;

/** The one place that turns domains and subscriber ids into exchange and queue names. */
final class Names {

  private final String prefix;

  Names(String prefix) {
    this.prefix = prefix;
  }

  /** The topic exchange carrying a domain's events, routing key = wire name. */
  String eventsExchange(String domain) {
    return prefix + domain + ".events";
  }

  /** The queue holding a domain's commands; publishers reach it through the default exchange. */
  String commandQueue(String domain) {
    return prefix + domain + ".commands";
  }

  /** The queue holding one subscribing service's copy of the events it subscribed to. */
  String subscriberQueue(String subscriberId) {
    return prefix + "subscriber." + subscriberId;
  }

  /** Receives what the broker dead-letters: rejected, expired, or over the delivery limit. */
  String deadLetterExchange() {
    return prefix + "dead-letter";
  }

  String deadLetterQueue() {
    return prefix + "dead-letter";
  }

  /** Exchange and routing key a message for {@code destination} is published with. */
  Route route(Destination destination, String wireName) {
    return destination.kind() == Destination.Kind.EVENTS
        ? new Route(eventsExchange(destination.domain()), wireName)
        : new Route("", commandQueue(destination.domain()));
  }

  record Route(String exchange, String routingKey) {
    @Override
    public String toString() {
      return exchange.isEmpty()
          ? "the default exchange to queue '" + routingKey + "'"
          : "exchange '" + exchange + "' with routing key '" + routingKey + "'";
    }
  }
}
