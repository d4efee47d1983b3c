package io.whizbang.runtime.internal.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The inbox's transactions on its cached connections: borrow, run, commit or roll back, give back, written once (as
 * {@link io.whizbang.runtime.storage.SqlStorage#inTransaction} does for the caller's transactions). Every path of the
 * consumer and of its dead-letter administration goes through here, so none can return a connection with a
 * transaction still open.
 */
final class InboxTransactions implements AutoCloseable {
  private final ConnectionCache connections;

  InboxTransactions(DataSource dataSource, int maxIdleConnections) {
    this.connections = new ConnectionCache(dataSource, maxIdleConnections);
  }

  /** The body of a transaction. It may roll back itself (the commit then has nothing to do). */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws Exception;
  }

  /** No connection could be had: nothing ran. */
  static final class NoConnection extends Exception {
    NoConnection(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  /**
   * Runs {@code work} in a transaction: commits when it returns, rolls back and rethrows when it throws.
   *
   * @throws NoConnection when no connection could be borrowed (the work did not run)
   */
  <T> T run(Work<T> work) throws NoConnection, Exception {
    Connection c;
    try {
      c = connections.borrow();
    } catch (SQLException e) {
      throw new NoConnection(e);
    }
    boolean broken = false;
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (Exception e) {
      broken = rollback(c, e);
      throw e;
    } catch (Error e) {
      // Treated as a crash of the process: rolled back and the connection dropped, so that no later commit on it
      // can record the messages of this transaction as handled without their effects.
      rollback(c, e);
      broken = true;
      throw e;
    } finally {
      connections.giveBack(c, broken);
    }
  }

  /** Rolls back; true when the connection is unusable and must not be reused. */
  private static boolean rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
      return false;
    } catch (SQLException e) {
      cause.addSuppressed(e);
      return true;
    }
  }

  @Override
  public void close() {
    connections.close();
  }
}
