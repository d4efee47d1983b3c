package io.whizbang.runtime.projection;

import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.LogContext;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies events to a projection in one transaction: for each, the inbox claim by message id (a duplicate is
 * skipped), then the projection's handler; then the checkpoint. All or nothing.
 */
final class Applier {
  private final SqlStorage storage;
  private final ProjectionTables tables;
  private final ProjectionDispatcher dispatcher;
  private final String name;

  Applier(SqlStorage storage, ProjectionTables tables, ProjectionDispatcher dispatcher) {
    this.storage = storage;
    this.tables = tables;
    this.dispatcher = dispatcher;
    this.name = dispatcher.projectionName();
  }

  /**
   * @param checkpoint stored with the batch, or {@code null} to leave the checkpoint as it is (live deliveries)
   * @return how many events were applied; the others were duplicates
   */
  int apply(List<Envelope> events, EventCursor checkpoint) {
    return apply(events, null, checkpoint);
  }

  /**
   * @param cursors each event's feed cursor (recorded with its applied id), or {@code null} to read it from the
   *     event's {@link StoredEvent#CURSOR_HEADER} header (live deliveries; absent: unknown)
   */
  int apply(List<Envelope> events, List<EventCursor> cursors, EventCursor checkpoint) {
    List<UUID> ids = new ArrayList<>(events.size());
    List<EventCursor> eventCursors = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      ids.add(events.get(i).messageId());
      eventCursors.add(cursors != null ? cursors.get(i) : cursorHeader(events.get(i)));
    }
    return storage.inTransaction(tx -> {
      // The page's claims first, in one statement: the handlers then run in feed order on the fresh events only.
      // Same outcome as claiming before each handler, since the transaction commits or rolls back as a whole.
      boolean[] fresh = tables.claimAll(tx.connection(), name, ids, eventCursors);
      int applied = 0;
      for (int i = 0; i < events.size(); i++) {
        if (fresh[i]) {
          Envelope e = events.get(i);
          try (LogContext ignored = LogContext.message(e, LogContext.PROJECTION, name)) {
            dispatcher.dispatch(e, new ProjectionContext(e, tx));
          }
          applied++;
        }
      }
      if (checkpoint != null) {
        tables.saveCheckpoint(tx.connection(), name, checkpoint);
      }
      return applied;
    });
  }

  /**
   * Parks an event instead of applying it, in one transaction: claims its id (a redelivery is then a duplicate, and
   * its cursor counts as covered when the checkpoint moves over live events), stores it in the dead letters, and
   * saves {@code checkpoint} when given.
   *
   * @return false when the event was already applied or parked (nothing stored)
   */
  boolean park(Envelope e, EventCursor cursor, EventCursor checkpoint, String reason) {
    return storage.inTransaction(tx -> {
      boolean fresh = tables.claim(tx.connection(), name, e.messageId(), cursor);
      if (fresh) {
        tables.deadLetters().insert(tx.connection(), name, e.messageId(), e.wireName(), e.partitionKey(),
            cursor == null ? null : cursor.token(), reason, EnvelopeCodec.encode(e));
      }
      if (checkpoint != null) {
        tables.saveCheckpoint(tx.connection(), name, checkpoint);
      }
      return fresh;
    });
  }

  /**
   * Parks bytes that are not an envelope, under an id derived from the bytes (a redelivery of the same bytes is a
   * duplicate); no feed cursor is known, so the checkpoint does not move over it.
   *
   * @return the id it was parked under, or null when the same bytes were parked before
   */
  UUID parkBytes(byte[] body, String partitionKey, String reason) {
    UUID id = UUID.nameUUIDFromBytes(body);
    return storage.inTransaction(tx -> {
      if (!tables.claim(tx.connection(), name, id, null)) {
        return null;
      }
      tables.deadLetters().insert(tx.connection(), name, id, null, partitionKey, null, reason, body);
      return id;
    });
  }

  /** The feed cursor an owner's outbox put on a published event, or null (absent or not a cursor). */
  static EventCursor cursorHeader(Envelope e) {
    String token = e.headers().get(StoredEvent.CURSOR_HEADER);
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      return EventCursor.parse(token);
    } catch (IllegalArgumentException notACursor) {
      return null;
    }
  }
}
