package io.whizbang.runtime.dispatch;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.envelope.Envelope;

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
}
