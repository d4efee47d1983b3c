package io.whizbang.runtime.projection;

import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.sql.SqlStorage;
import io.whizbang.runtime.store.EventCursor;
import java.util.List;

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
    return storage.inTransaction(tx -> {
      int applied = 0;
      for (Envelope e : events) {
        if (tables.claim(tx.connection(), name, e.messageId())) {
          dispatcher.dispatch(e, new ProjectionContext(e, tx));
          applied++;
        }
      }
      if (checkpoint != null) {
        tables.saveCheckpoint(tx.connection(), name, checkpoint);
      }
      return applied;
    });
  }
}
