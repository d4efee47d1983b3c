package io.whizbang.runtime.internal.inbox;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.outbox.ScheduledOutbox;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The context of a handler running in the inbox transaction: its connection (and a Jdbi handle on it), and sends
 * and publishes collected for the outbox, written in the same transaction after the handlers returned. Scheduled
 * messages and their cancellations are written to the outbox's schedule at once, in the same transaction.
 */
final class GuardedContext implements HandlerContext {
  private final Envelope envelope;
  private final Connection connection;
  private final HandleSource handles;
  private final OutgoingFactory factory;
  private final List<OutgoingMessage> outgoing;
  private final ScheduledOutbox scheduled;
  private Handle handle;
  private boolean connectionUsed;

  GuardedContext(Envelope envelope, Connection connection, HandleSource handles, OutgoingFactory factory,
      List<OutgoingMessage> outgoing, ScheduledOutbox scheduled) {
    this.envelope = envelope;
    this.scheduled = scheduled;
    this.connection = connection;
    this.handles = handles;
    this.factory = factory;
    this.outgoing = outgoing;
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  @Override
  public void send(Command command) {
    outgoing.add(factory.command(command, envelope));
  }

  @Override
  public void publish(Event event) {
    outgoing.add(factory.event(event, envelope));
  }

  @Override
  public ScheduledMessage send(Command command, SendOptions options) {
    return add(factory.command(command, envelope, options), options);
  }

  @Override
  public ScheduledMessage publish(Event event, SendOptions options) {
    return add(factory.event(event, envelope, options), options);
  }

  private ScheduledMessage add(OutgoingMessage message, SendOptions options) {
    if (!options.isScheduled()) {
      outgoing.add(message);
      // Due at once: when it was created, as its broker headers say.
      return new ScheduledMessage(message.messageId(),
          java.time.Instant.parse(message.headers().get(BrokerHeaders.OCCURRED_AT)));
    }
    connectionUsed = true;                       // the relay is woken after the commit, for one due at once
    return scheduled.schedule(connection, message, options);
  }

  @Override
  public boolean cancel(ScheduledMessage handle) {
    return scheduled.cancel(connection, handle.messageId());
  }

  @Override
  public Connection connection() {
    connectionUsed = true;
    return connection;
  }

  @Override
  public Handle handle() {
    connectionUsed = true;
    if (handle == null) {
      handle = handles.open(connection);
    }
    return handle;
  }

  /** True when a handler took the transaction: it may have written outbox rows itself (an aggregate's save). */
  boolean connectionUsed() {
    return connectionUsed;
  }

  /** Closes the Jdbi handle, if one was opened; the transaction stays open. */
  void closeHandle() {
    if (handle != null) {
      handle.close();
      handle = null;
    }
  }
}
