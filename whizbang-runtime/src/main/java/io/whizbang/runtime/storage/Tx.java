package io.whizbang.runtime.storage;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction opened by {@link SqlStorage#inTransaction}: its connection, plus actions to run once it committed
 * (the outbox uses one to wake the relay).
 */
public final class Tx {
  private final Connection connection;
  private final List<Runnable> afterCommit = new ArrayList<>();

  Tx(Connection connection) {
    this.connection = connection;
  }

  /** The transaction's connection; do not commit, roll back or close it. */
  public Connection connection() {
    return connection;
  }

  /** Runs {@code action} after a successful commit (never after a rollback). */
  public void afterCommit(Runnable action) {
    if (!afterCommit.contains(action)) {
      afterCommit.add(action);
    }
  }

  List<Runnable> afterCommitActions() {
    return afterCommit;
  }

  /** The body of {@link SqlStorage#inTransaction}. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx) throws Exception;
  }
}
