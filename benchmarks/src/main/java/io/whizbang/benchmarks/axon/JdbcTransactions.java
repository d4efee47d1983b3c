package io.whizbang.benchmarks.axon;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transactions over plain JDBC, without Spring: a transaction takes a pooled connection, turns auto-commit
 * off and binds it to the thread; every Axon component asking for a connection on that thread (storage engine,
 * token store) gets the bound one, so a processor's handler work and its token update commit together, and an
 * append of many events is one transaction. A nested start joins the outer transaction. Outside a transaction a
 * caller gets an auto-commit connection of its own. A nested transaction that rolls back makes the outer one roll
 * back too.
 */
final class JdbcTransactions implements TransactionManager, ConnectionProvider {
  private final DataSource pool;
  private final ThreadLocal<Connection> bound = new ThreadLocal<>();
  private final ThreadLocal<boolean[]> rollbackOnly = ThreadLocal.withInitial(() -> new boolean[1]);
  /** When this thread's last outermost transaction committed ({@link System#nanoTime()}). */
  private final ThreadLocal<long[]> committedAt = ThreadLocal.withInitial(() -> new long[1]);

  JdbcTransactions(DataSource pool) {
    this.pool = pool;
  }

  @Override
  public Transaction startTransaction() {
    if (bound.get() != null) {
      return joined;
    }
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not start a transaction", e);
    }
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      try (c) {
        throw new IllegalStateException("Could not start a transaction", e);
      } catch (SQLException closing) {
        e.addSuppressed(closing);
        throw new IllegalStateException("Could not start a transaction", e);
      }
    }
    bound.set(c);
    return new Transaction() {
      @Override
      public void commit() {
        end(c, true);
      }

      @Override
      public void rollback() {
        end(c, false);
      }
    };
  }

  private void end(Connection c, boolean commit) {
    bound.remove();
    boolean[] mustRollBack = rollbackOnly.get();
    if (commit && mustRollBack[0]) {
      mustRollBack[0] = false;
      end(c, false);
      throw new IllegalStateException("A nested transaction rolled back; the outer one was rolled back");
    }
    mustRollBack[0] = false;
    try (c) {
      if (commit) {
        c.commit();
        committedAt.get()[0] = System.nanoTime();
      } else {
        c.rollback();
      }
      c.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException(commit ? "Commit failed" : "Rollback failed", e);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = bound.get();
    return c == null ? pool.getConnection() : unclosable(c);
  }

  long lastCommitNanos() {
    return committedAt.get()[0];
  }

  /** Axon closes every connection it asks for; the bound one must stay open until the transaction ends. */
  private static Connection unclosable(Connection c) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(c, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private final Transaction joined = new Transaction() {
    @Override
    public void commit() {}

    @Override
    public void rollback() {
      rollbackOnly.get()[0] = true;
    }
  };
}
