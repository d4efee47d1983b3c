package io.whizbang.runtime.outgoing;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.Objects;

/**
 * A message on its way out: its envelope and where it goes. What a {@link MessagePublisher} receives.
 *
 * <pre>{@code outbox.append(tx, messages.stream().map(OutgoingEnvelope::toOutgoingMessage).toList());}</pre>
 *
 * @param priority the broker priority hint of the message type, 0 to 9
 */
public record OutgoingEnvelope(Envelope envelope, Destination destination, int priority) {

  public OutgoingEnvelope {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(destination, "destination");
  }

  /** The encoded form a transport publishes, with the standard broker headers. */
  public OutgoingMessage toOutgoingMessage() {
    return new OutgoingMessage(envelope.messageId(), envelope.wireName(), destination, envelope.partitionKey(),
        priority, BrokerHeaders.of(envelope), EnvelopeCodec.encode(envelope));
  }
}
