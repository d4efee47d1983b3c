package io.whizbang.runtime.outgoing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.generated.MessageVersions;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.internal.tracing.Tracing;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.transport.Destination;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a command or event into its envelope: a new time-ordered id, the correlation id inherited from the message
 * being handled (or the new id for an original), the causation id of that message, the partition key and priority
 * of the message type, and the W3C trace context: the producer span's when the service traces
 * ({@link Tracing}), else the one of the message being handled, carried over.
 *
 * <pre>{@code OutgoingEnvelope out = factory.event(new OrderPlaced(...), context.envelope());}</pre>
 */
public final class EnvelopeFactory {

  private static final JsonFactory JSON = new JsonFactory();

  private final MessageRouter router;
  private final String serviceName;
  private final Set<String> ownedDomains;
  private final Clock clock;
  private final Tracing tracing;

  public EnvelopeFactory(MessageRouter router, String serviceName, Set<String> ownedDomains, Clock clock) {
    this(router, serviceName, ownedDomains, clock, Tracing.NONE);
  }

  /** A factory that reports a producer span per created message to {@code tracing}. */
  public EnvelopeFactory(MessageRouter router, String serviceName, Set<String> ownedDomains, Clock clock,
      Tracing tracing) {
    this.router = Objects.requireNonNull(router, "router");
    this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    this.ownedDomains = Set.copyOf(ownedDomains);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tracing = Objects.requireNonNull(tracing, "tracing");
  }

  /**
   * The envelope of a command, routed to its owning domain.
   *
   * @param cause the envelope of the message being handled, or {@code null} for an original
   * @throws io.whizbang.runtime.dispatch.UnknownMessageTypeException when no module declares the command's class
   */
  public OutgoingEnvelope command(Command command, Envelope cause) {
    return command(command, cause, SendOptions.defaults());
  }

  /** The envelope of a command with the priority and time to live of {@code options} over its type's. */
  public OutgoingEnvelope command(Command command, Envelope cause, SendOptions options) {
    Objects.requireNonNull(command, "command");
    MessageType<Command> type = router.typeOf(command);
    requireKind(type, MessageType.Kind.COMMAND, "sent as a command");
    return create(type, command, cause, options);
  }

  /**
   * The envelope of an event of a domain this service owns.
   *
   * @param cause the envelope of the message being handled, or {@code null} for an original
   * @throws WhizbangException when this service does not own the event's domain
   */
  public OutgoingEnvelope event(Event event, Envelope cause) {
    return event(event, cause, SendOptions.defaults());
  }

  /** The envelope of an event with the priority and time to live of {@code options} over its type's. */
  public OutgoingEnvelope event(Event event, Envelope cause, SendOptions options) {
    Objects.requireNonNull(event, "event");
    MessageType<Event> type = router.typeOf(event);
    requireKind(type, MessageType.Kind.EVENT, "published as an event");
    if (!ownedDomains.contains(type.domain())) {
      throw new WhizbangException("Service '" + serviceName + "' cannot publish " + type.wireName()
          + ": an event is published only by its owning domain '" + type.domain() + "', and this service owns "
          + (ownedDomains.isEmpty() ? "no domain" : ownedDomains) + ". Send a command to the '" + type.domain()
          + "' service instead, or declare ownership with .owns(\"" + type.domain() + "\").");
    }
    return create(type, event, cause, options);
  }

  private <T> OutgoingEnvelope create(MessageType<T> type, T message, Envelope cause, SendOptions options) {
    Objects.requireNonNull(options, "options");
    UUID id = MessageIds.next();
    UUID correlationId = cause == null ? id : cause.correlationId();
    Destination destination = router.destinationOf(type);
    byte[] payload = payloadOf(type, message);       // first: a message its codec refuses has no span
    Map<String, String> trace = tracing.created(cause, destination, type.wireName(), id, correlationId,
        type.kind() == MessageType.Kind.EVENT);
    Instant now = clock.instant();
    Map<String, String> headers = MessageVersions.headers(trace, type.codec());
    Duration timeToLive = options.timeToLiveOr(type.timeToLive());
    if (timeToLive != null) {
      headers = new java.util.HashMap<>(headers);
      headers.put(Envelope.EXPIRES_AT_HEADER, expiryBase(options, now).plus(timeToLive).toString());
    }
    Envelope envelope = new Envelope(id, type.wireName(), type.domain(), type.partitionKeyOf(message),
        correlationId, cause == null ? null : cause.messageId(), now,
        Envelope.NO_POSITION, headers, payload);
    return new OutgoingEnvelope(envelope, destination, options.priorityOr(type.priority()));
  }

  /** A message lives from when it is due: now, or its delivery time as this service's clock sees it. */
  private static Instant expiryBase(SendOptions options, Instant now) {
    if (options.deliverAtInstant() != null) {
      return options.deliverAtInstant().isAfter(now) ? options.deliverAtInstant() : now;
    }
    return options.deliverAfterDelay() != null ? now.plus(options.deliverAfterDelay()) : now;
  }

  private static <T> byte[] payloadOf(MessageType<T> type, T message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      type.codec().write(g, message);
    } catch (IOException e) {
      throw new CodecException("Could not encode " + type.wireName() + " (" + type.javaType().getName() + "): "
          + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static void requireKind(MessageType<?> type, MessageType.Kind expected, String use) {
    if (type.kind() != expected) {
      throw new WhizbangException(type.javaType().getName() + " is registered as " + type.kind().name().toLowerCase(java.util.Locale.ROOT)
          + " '" + type.wireName() + "' and cannot be " + use + ". Check which marker interface it implements "
          + "and recompile its module.");
    }
  }
}
