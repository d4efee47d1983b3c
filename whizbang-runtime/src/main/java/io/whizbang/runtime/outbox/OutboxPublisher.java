package io.whizbang.runtime.outbox;

import io.whizbang.runtime.outgoing.MessagePublisher;
import io.whizbang.runtime.outgoing.OutgoingEnvelope;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.TransportLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes through the transactional outbox: each call writes its messages in one transaction of its own, and the
 * returned future completes once that transaction committed. A relay publishes the rows afterwards; this process's
 * relays are woken right after the commit.
 *
 * <p>This is the publisher of {@code Whizbang.send}/{@code publish} outside handlers when the service has storage.
 * To join a business transaction of your own, append with {@link Outbox#append(java.sql.Connection, List)} instead.
 */
public final class OutboxPublisher implements MessagePublisher {

  private final SqlStorage storage;
  private final Outbox outbox;

  public OutboxPublisher(SqlStorage storage) {
    this(storage, TransportLimits.NONE);
  }

  /** A publisher whose outbox refuses a message over {@code limits}, the transport's ({@link Transport#limits()}). */
  public OutboxPublisher(SqlStorage storage, TransportLimits limits) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.outbox = new Outbox(storage, limits);
  }

  @Override
  public CompletableFuture<Void> publish(List<OutgoingEnvelope> messages) {
    if (messages.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<OutgoingMessage> rows = new ArrayList<>(messages.size());
    for (OutgoingEnvelope m : messages) {
      rows.add(m.toOutgoingMessage());
    }
    try {
      storage.inTransaction(tx -> {
        outbox.append(tx, rows);
        return null;
      });
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
