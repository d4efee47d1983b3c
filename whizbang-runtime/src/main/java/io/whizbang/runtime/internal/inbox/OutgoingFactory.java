package io.whizbang.runtime.internal.inbox;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.transport.OutgoingMessage;

/**
 * Turns what a handler sends or publishes into the outgoing message the outbox stores: a new id, the correlation id
 * of {@code cause}, {@code cause}'s id as causation id, the routed destination and the encoded envelope. The
 * service's envelope factory provides it.
 */
public interface OutgoingFactory {

  /** The outgoing message of {@code command}, caused by the handled {@code cause}. */
  OutgoingMessage command(Command command, Envelope cause);

  /** The outgoing message of {@code event}, caused by the handled {@code cause}. */
  OutgoingMessage event(Event event, Envelope cause);

  /** The outgoing message of {@code command} with {@code options}; this default knows only the defaults. */
  default OutgoingMessage command(Command command, Envelope cause, SendOptions options) {
    return command(command, defaultsOnly(options, cause));
  }

  /** The outgoing message of {@code event} with {@code options}; this default knows only the defaults. */
  default OutgoingMessage event(Event event, Envelope cause, SendOptions options) {
    return event(event, defaultsOnly(options, cause));
  }

  private static Envelope defaultsOnly(SendOptions options, Envelope cause) {
    if (options != SendOptions.defaults()) {
      throw new UnsupportedOperationException("This OutgoingFactory cannot apply " + options);
    }
    return cause;
  }

  /** The factory of a service's envelopes: routing, ownership checks, correlation and causation. */
  static OutgoingFactory from(EnvelopeFactory envelopes) {
    java.util.Objects.requireNonNull(envelopes, "envelopes");
    return new OutgoingFactory() {
      @Override
      public OutgoingMessage command(Command command, Envelope cause) {
        return envelopes.command(command, cause).toOutgoingMessage();
      }

      @Override
      public OutgoingMessage event(Event event, Envelope cause) {
        return envelopes.event(event, cause).toOutgoingMessage();
      }

      @Override
      public OutgoingMessage command(Command command, Envelope cause, SendOptions options) {
        return envelopes.command(command, cause, options).toOutgoingMessage();
      }

      @Override
      public OutgoingMessage event(Event event, Envelope cause, SendOptions options) {
        return envelopes.event(event, cause, options).toOutgoingMessage();
      }
    };
  }

  /** A factory for consumers whose handlers never send or publish: it refuses, naming the message. */
  static OutgoingFactory none() {
    return new OutgoingFactory() {
      @Override
      public OutgoingMessage command(Command command, Envelope cause) {
        throw refuse(command, cause);
      }

      @Override
      public OutgoingMessage event(Event event, Envelope cause) {
        throw refuse(event, cause);
      }

      private IllegalStateException refuse(Object message, Envelope cause) {
        return new IllegalStateException("The handler of " + cause.wireName() + " sent "
            + message.getClass().getName() + ", but this inbox consumer was built without an OutgoingFactory:"
            + " pass one to InboxConsumer.builder(...).outgoing(...)");
      }
    };
  }
}
