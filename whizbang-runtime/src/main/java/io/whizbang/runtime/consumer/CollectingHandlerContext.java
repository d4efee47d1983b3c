package io.whizbang.runtime.consumer;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.outgoing.OutgoingEnvelope;
import java.util.ArrayList;
import java.util.List;

/**
 * The context handed to handlers: what they send or publish is only collected, with correlation and causation
 * taken from the handled message, and goes out after every handler returned normally. A handler that throws
 * therefore emits nothing, and its retry does not leave behind messages of the failed attempt.
 */
final class CollectingHandlerContext implements HandlerContext {

  private final Envelope envelope;
  private final EnvelopeFactory factory;
  private final List<OutgoingEnvelope> collected = new ArrayList<>(2);

  CollectingHandlerContext(Envelope envelope, EnvelopeFactory factory) {
    this.envelope = envelope;
    this.factory = factory;
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  @Override
  public void send(Command command) {
    try {
      collected.add(factory.command(command, envelope));
    } catch (RuntimeException e) {
      throw refused("send", command, e);
    }
  }

  @Override
  public void publish(Event event) {
    try {
      collected.add(factory.event(event, envelope));
    } catch (RuntimeException e) {
      throw refused("publish", event, e);
    }
  }

  @Override
  public ScheduledMessage send(Command command, SendOptions options) {
    return collect("send", command, options, () -> factory.command(command, envelope, options));
  }

  @Override
  public ScheduledMessage publish(Event event, SendOptions options) {
    return collect("publish", event, options, () -> factory.event(event, envelope, options));
  }

  private ScheduledMessage collect(String operation, Object message, SendOptions options,
      java.util.function.Supplier<OutgoingEnvelope> create) {
    requireUnscheduled(options, message);
    OutgoingEnvelope created;
    try {
      created = create.get();
    } catch (RuntimeException e) {
      throw refused(operation, message, e);
    }
    collected.add(created);
    return new ScheduledMessage(created.envelope().messageId(), created.envelope().occurredAt());
  }

  /** A schedule lives in the outbox's tables: without storage there is nowhere to keep it. */
  private void requireUnscheduled(SendOptions options, Object message) {
    if (options.isScheduled()) {
      throw new IllegalStateException("A handler of " + envelope.wireName() + " scheduled "
          + (message == null ? "null" : message.getClass().getName()) + " (" + options + "), but this service"
          + " has no storage: scheduled messages wait in the outbox. Build the service with storage(...), or"
          + " send without deliverAt/deliverAfter");
    }
  }

  private HandlerOutputException refused(String operation, Object message, RuntimeException cause) {
    return new HandlerOutputException("A handler of " + envelope.wireName() + " " + envelope.messageId()
        + " could not " + operation + " " + (message == null ? "null" : message.getClass().getName()) + ": "
        + cause.getMessage(), cause);
  }

  List<OutgoingEnvelope> collected() {
    return collected;
  }
}
