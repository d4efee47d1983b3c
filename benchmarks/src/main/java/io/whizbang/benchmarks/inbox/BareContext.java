package io.whizbang.benchmarks.inbox;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.envelope.Envelope;
import java.sql.Connection;

/** What the bare baseline gives the handler: its envelope and the caller's transaction, nothing else. */
final class BareContext implements HandlerContext {
  private final Connection connection;
  Envelope envelope;

  BareContext(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  @Override
  public void send(Command command) {
    throw new UnsupportedOperationException("the bare baseline sends nothing");
  }

  @Override
  public void publish(Event event) {
    throw new UnsupportedOperationException("the bare baseline publishes nothing");
  }

  @Override
  public Connection connection() {
    return connection;
  }
}
