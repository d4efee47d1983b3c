package io.whizbang.runtime.dispatch;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
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
