package io.whizbang.runtime.internal.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Keeps a few connections open between messages. With a pooling data source this only saves the pool's hand-over;
 * with a plain one (H2, {@code PGSimpleDataSource}) it saves a connect per message, which would otherwise cost more
 * than the handling itself.
 */
final class ConnectionCache implements AutoCloseable {
  private final DataSource dataSource;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  ConnectionCache(DataSource dataSource, int maxIdle) {
    this.dataSource = dataSource;
    this.maxIdle = maxIdle;
  }

  /** A connection in manual-commit mode. */
  Connection borrow() throws SQLException {
    Connection c = idle.pollFirst();
    if (c != null) {
      idleCount.decrementAndGet();
      return c;
    }
    c = dataSource.getConnection();
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Takes {@code c} back after its transaction ended; {@code broken} connections are closed instead. */
  void giveBack(Connection c, boolean broken) {
    if (broken || closed) {
      closeQuietly(c);
      return;
    }
    if (idleCount.incrementAndGet() > maxIdle) {
      idleCount.decrementAndGet();
      closeQuietly(c);
      return;
    }
    idle.offerFirst(c);
    if (closed && idle.remove(c)) {
      closeQuietly(c); // close() ran meanwhile
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Connection c; (c = idle.pollFirst()) != null; ) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Nothing left to do with a connection that cannot even close.
    }
  }
}
