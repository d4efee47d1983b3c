package io.whizbang.runtime.dispatch;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.envelope.Envelope;
import java.sql.Connection;
import org.jdbi.v3.core.Handle;

/**
 * What a handler may use besides its message: the envelope's metadata, and a way to send commands and publish
 * events whose correlation id is inherited and whose causation id is the handled message's id.
 */
public interface HandlerContext {

  /** The envelope of the message being handled. */
  Envelope envelope();

  /** Sends a command to the service that owns its domain. */
  void send(Command command);

  /** Publishes an event of a domain this service owns to every subscribing service. */
  void publish(Event event);

  /**
   * Sends a command with {@code options} over its type's priority and time to live; with a delivery time it waits
   * in the outbox's schedule, written in the handler's transaction, until it is due.
   *
   * <pre>{@code
   * ScheduledMessage reminder = context.send(new RemindUnpaid(id), SendOptions.defaults().deliverAfter(thirtyMinutes));
   * }</pre>
   *
   * @return the message's handle, to {@link #cancel} it while it is not yet due
   * @throws IllegalStateException when {@code options} schedule it and the consumer has no storage
   */
  default ScheduledMessage send(Command command, SendOptions options) {
    throw new UnsupportedOperationException(getClass().getName() + " does not send with SendOptions");
  }

  /** Publishes an event with {@code options}, as {@link #send(Command, SendOptions)} sends a command. */
  default ScheduledMessage publish(Event event, SendOptions options) {
    throw new UnsupportedOperationException(getClass().getName() + " does not publish with SendOptions");
  }

  /**
   * Cancels a scheduled message in the handler's transaction: true when it was still waiting (it is never
   * published once the transaction commits), false when it was already due, published or cancelled.
   *
   * @throws IllegalStateException when the consumer has no storage (nothing can be scheduled without it)
   */
  default boolean cancel(ScheduledMessage handle) {
    throw new IllegalStateException("Handlers of " + envelope().wireName() + " run without a database transaction:"
        + " configure storage (an inbox-guarded consumer) to schedule and cancel messages");
  }

  /**
   * The database transaction the message is handled in, when the consumer is inbox-guarded: write the handler's
   * effects here so that they commit together with the inbox row. Do not commit, roll back or close it.
   *
   * <pre>{@code try (var s = context.connection().prepareStatement("update stock ...")) { ... }}</pre>
   *
   * @throws IllegalStateException when the consumer has no storage (no transaction to join)
   */
  default Connection connection() {
    throw new IllegalStateException("Handlers of " + envelope().wireName() + " run without a database transaction:"
        + " configure storage (an inbox-guarded consumer) to get one");
  }

  /**
   * A Jdbi handle on {@link #connection()}, in the same transaction. Do not commit, roll back or close it.
   *
   * @throws IllegalStateException when the consumer has no storage (no transaction to join)
   */
  default Handle handle() {
    throw new IllegalStateException("Handlers of " + envelope().wireName() + " run without a database transaction:"
        + " configure storage (an inbox-guarded consumer) to get one");
  }
}
