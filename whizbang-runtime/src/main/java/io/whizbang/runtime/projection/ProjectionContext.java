package io.whizbang.runtime.projection;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.storage.Tx;
import java.sql.Connection;

/**
 * What a projection handler gets besides its event: the envelope, and the transaction in which the projection's
 * state is changed together with its checkpoint and inbox row.
 *
 * <pre>{@code
 * @Handles void on(OrderPlaced e, HandlerContext context) {
 *   Connection c = ProjectionContext.of(context).connection();   // write the read model here
 * }
 * }</pre>
 *
 * <p>A projection only folds events: it neither sends commands nor publishes events.
 */
public final class ProjectionContext implements HandlerContext {
  private final Envelope envelope;
  private final Tx tx;

  ProjectionContext(Envelope envelope, Tx tx) {
    this.envelope = envelope;
    this.tx = tx;
  }

  /** The projection context behind a handler context the projection engine passed in. */
  public static ProjectionContext of(HandlerContext context) {
    if (context instanceof ProjectionContext p) {
      return p;
    }
    throw new IllegalStateException("This handler context was not created by the projection engine: a projection"
        + " handler must be dispatched by ProjectionEngine");
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  /** The transaction the event is applied in; do not commit, roll back or close it. */
  public Tx tx() {
    return tx;
  }

  /** The transaction's connection. */
  public Connection connection() {
    return tx.connection();
  }

  @Override
  public void send(Command command) {
    throw new UnsupportedOperationException("A projection folds events and cannot send commands; handle "
        + envelope.wireName() + " in a service handler instead");
  }

  @Override
  public void publish(Event event) {
    throw new UnsupportedOperationException("A projection folds events and cannot publish events; handle "
        + envelope.wireName() + " in a service handler instead");
  }
}
