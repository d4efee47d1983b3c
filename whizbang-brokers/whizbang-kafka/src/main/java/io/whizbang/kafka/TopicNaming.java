package io.whizbang.kafka;

import io.whizbang.runtime.transport.Destination;

/**
 * Maps a broker-neutral {@link Destination} to a Kafka topic name. The default is
 * {@link Destination#conventionalName()} ({@code whizbang.orders.events}); a deployment with its own naming rules
 * plugs in a function, for example {@code d -> "prod." + d.conventionalName()}.
 */
@FunctionalInterface
public interface TopicNaming {

  /** The default: {@code whizbang.<domain>.events} and {@code whizbang.<domain>.commands}. */
  TopicNaming CONVENTIONAL = Destination::conventionalName;

  /** The topic for {@code destination}; never blank. */
  String topicFor(Destination destination);
}
