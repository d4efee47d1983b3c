package io.whizbang.runtime.consumer;

import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.List;
import java.util.Objects;

/**
 * What one subscription of a service consumes and with what: handed to a {@link ConsumerFactory} to build its
 * delivery handler.
 *
 * @param subscriberId the service name, or a projection's name
 * @param sources the destinations and wire names the subscription reads
 * @param dispatchers the dispatchers its messages go to
 * @param envelopes creates the envelopes of what handlers send and publish (correlation and causation set)
 */
public record ConsumerSpec(String subscriberId, List<SubscriptionRequest.Source> sources,
    List<MessageDispatcher> dispatchers, EnvelopeFactory envelopes) {

  public ConsumerSpec {
    Objects.requireNonNull(subscriberId, "subscriberId");
    sources = List.copyOf(sources);
    dispatchers = List.copyOf(dispatchers);
    Objects.requireNonNull(envelopes, "envelopes");
  }
}
