package io.whizbang.runtime.projection;

import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The events one projection parked ({@link UndecodableEventPolicy#PARK}): list them, replay one once its event type
 * decodes it, or discard it.
 *
 * <pre>{@code
 * ProjectionDeadLetters parked = engine.deadLetters(new OrderTotals_Dispatcher(totals));
 * for (ProjectionDeadLetter letter : parked.list(0, 100)) {
 *   parked.replay(letter.id());
 * }
 * }</pre>
 *
 * <p>A replayed event is applied now, after the events that followed it in the feed: fine for a read model whose
 * handler does not depend on the order within the aggregate, otherwise rebuild the projection instead.
 */
public final class ProjectionDeadLetters {
  private final SqlStorage storage;
  private final ProjectionTables tables;
  private final ProjectionDispatcher dispatcher;
  private final String name;

  ProjectionDeadLetters(SqlStorage storage, ProjectionTables tables, ProjectionDispatcher dispatcher) {
    this.storage = storage;
    this.tables = tables;
    this.dispatcher = dispatcher;
    this.name = dispatcher.projectionName();
  }

  /** Up to {@code limit} dead letters with an id greater than {@code afterId}, oldest first (page with the last id). */
  public List<ProjectionDeadLetter> list(long afterId, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
    }
    return read(c -> tables.deadLetters().rows().list(c, name, afterId, limit));
  }

  public Optional<ProjectionDeadLetter> find(long id) {
    return read(c -> tables.deadLetters().rows().find(c, name, id));
  }

  public long count() {
    return read(c -> tables.deadLetters().rows().count(c, name));
  }

  /**
   * Applies the dead letter to the projection, in one transaction with its removal. Its id stays claimed, so a
   * redelivery of the event is still a duplicate.
   *
   * @return false when there is no dead letter with this id (already replayed or discarded)
   * @throws ProjectionFailedException when it still cannot be applied; it stays parked, with the new reason
   */
  public boolean replay(long id) {
    Optional<ProjectionDeadLetter> found = find(id);
    if (found.isEmpty()) {
      return false;
    }
    ProjectionDeadLetter letter = found.get();
    try {
      Envelope e = EnvelopeCodec.decode(letter.body());
      return storage.inTransaction(tx -> {
        // Deleting first settles a concurrent replay of the same letter: only the one that deleted it applies it.
        if (!tables.deadLetters().rows().delete(tx.connection(), name, id)) {
          return false;
        }
        dispatcher.dispatch(e, new ProjectionContext(e, tx));
        return true;
      });
    } catch (RuntimeException failure) {
      String reason = RunningProjection.reason(failure);
      storage.inTransaction(tx -> {
        tables.deadLetters().updateReason(tx.connection(), name, id, "replay failed: " + reason);
        return null;
      });
      throw new ProjectionFailedException("Projection '" + name + "' could not replay " + letter + ": " + reason,
          failure);
    }
  }

  /** Deletes the dead letter for good (the projection never applies it); false when there was none with this id. */
  public boolean discard(long id) {
    return storage.inTransaction(tx -> tables.deadLetters().rows().delete(tx.connection(), name, id));
  }

  private interface Read<T> {
    T from(Connection c) throws SQLException;
  }

  private <T> T read(Read<T> query) {
    try (Connection c = storage.dataSource().getConnection()) {
      return query.from(c);
    } catch (SQLException e) {
      throw new StorageException("Reading the dead letters of projection '" + name + "' failed", e);
    }
  }
}
