package io.whizbang.runtime.projection;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.DeadLetterPages;
import io.whizbang.runtime.internal.LogContext;
import io.whizbang.runtime.projection.ProjectionEngine.UndecodableEventPolicy;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events one projection parked ({@link UndecodableEventPolicy#PARK}): list them, replay one once its event type
 * decodes it, or discard it.
 *
 * <p>A replayed event is applied now, after the events that followed it in the feed: fine for a read model whose
 * handler does not depend on the order within the aggregate, otherwise rebuild the projection instead.
 */
final class ProjectionDeadLetters implements DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionDeadLetters.class);

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

  @Override
  public List<DeadLetter> list(long afterId, int limit) {
    DeadLetterPages.checkLimit(limit);
    return read(c -> tables.deadLetters().rows().list(c, name, afterId, limit));
  }

  @Override
  public Optional<DeadLetter> find(long id) {
    return read(c -> tables.deadLetters().rows().find(c, name, id));
  }

  @Override
  public long count() {
    return read(c -> tables.deadLetters().rows().count(c, name));
  }

  /**
   * Applies the dead letter to the projection, in one transaction with its removal. Its id stays claimed, so a
   * redelivery of the event is still a duplicate.
   *
   * When it still cannot be applied it stays parked, with the new reason (the failure is logged with its cause).
   */
  @Override
  public ReplayResult replay(long id) {
    Optional<DeadLetter> found = find(id);
    if (found.isEmpty()) {
      return ReplayResult.notFound();
    }
    DeadLetter letter = found.get();
    try {
      Envelope e = EnvelopeCodec.decode(letter.body());
      boolean applied = storage.inTransaction(tx -> {
        // Deleting first settles a concurrent replay of the same letter: only the one that deleted it applies it.
        if (!tables.deadLetters().rows().delete(tx.connection(), name, id)) {
          return false;
        }
        try (LogContext ignored = LogContext.message(e, LogContext.PROJECTION, name)) {
          dispatcher.dispatch(e, new ProjectionContext(e, tx));
        }
        return true;
      });
      return applied ? ReplayResult.replayed() : ReplayResult.notFound();
    } catch (RuntimeException failure) {
      String reason = RunningProjection.reason(failure);
      storage.inTransaction(tx -> {
        tables.deadLetters().updateReason(tx.connection(), name, id, "replay failed: " + reason);
        return null;
      });
      String message = "Projection '" + name + "' could not replay " + letter + ": " + reason;
      LOG.warn(message, failure);
      return ReplayResult.failed(message);
    }
  }

  /** Deletes the dead letter for good (the projection never applies it); false when there was none with this id. */
  @Override
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
