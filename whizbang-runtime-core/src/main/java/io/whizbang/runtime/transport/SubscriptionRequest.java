package io.whizbang.runtime.transport;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a service consumes. Every subscription with the same {@code subscriberId} shares one copy of the messages
 * (competing consumers: a Kafka consumer group, one RabbitMQ/SQS queue); different subscriber ids each get their own.
 *
 * @param subscriberId the consuming service (or projection) name
 * @param sources the destinations to read and, for each, the wire names wanted (others are not delivered where
 *     the broker can filter, and acknowledged unseen where it cannot)
 * @param concurrency how many lanes may run the handler in parallel (messages of one key always share a lane)
 */
public record SubscriptionRequest(String subscriberId, List<Source> sources, int concurrency) {

  public record Source(Destination destination, Set<String> wireNames) {
    public Source {
      Objects.requireNonNull(destination, "destination");
      wireNames = Set.copyOf(wireNames);
    }
  }

  public SubscriptionRequest {
    Objects.requireNonNull(subscriberId, "subscriberId");
    sources = List.copyOf(sources);
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
  }
}
