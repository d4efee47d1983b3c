package io.whizbang.runtime.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

  /**
   * The wire names wanted from each place the sources' destinations map to under {@code place} (a topic, a queue, an
   * entity), in source order. Sources that share a place are merged: their names are added up, and a source with no
   * names, which wants every name, makes the place want every name (an empty set), whatever the others list.
   */
  public <K> Map<K, Set<String>> wireNamesBy(Function<Destination, K> place) {
    Map<K, Set<String>> wanted = new LinkedHashMap<>();
    for (Source source : sources) {
      wanted.merge(place.apply(source.destination()), source.wireNames(), (a, b) -> a.isEmpty() || b.isEmpty()
          ? Set.of() : Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet()));
    }
    return wanted;
  }
}
