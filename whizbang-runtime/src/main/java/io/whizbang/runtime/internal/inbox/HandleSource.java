package io.whizbang.runtime.internal.inbox;

import java.sql.Connection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;

/**
 * Opens Jdbi handles on the inbox's own transaction: one {@link Jdbi} per consumer (its configuration is costly to
 * build), handed the connection of the moment. Closing such a handle neither ends the transaction nor closes the
 * connection; the inbox does both.
 */
final class HandleSource {
  private final ThreadLocal<Connection> current = new ThreadLocal<>();
  private final Jdbi jdbi;

  HandleSource() {
    jdbi = Jdbi.create(new org.jdbi.v3.core.ConnectionFactory() {
      @Override
      public Connection openConnection() {
        Connection c = current.get();
        if (c == null) {
          throw new IllegalStateException("No inbox transaction on this thread");
        }
        return c;
      }

      @Override
      public void closeConnection(Connection connection) {
        // The inbox owns the connection and its transaction.
      }
    });
    // The handle is closed while the inbox transaction is still open, by design.
    jdbi.getConfig(Handles.class).setForceEndTransactions(false);
  }

  Handle open(Connection connection) {
    current.set(connection);
    try {
      return jdbi.open();
    } finally {
      current.remove();
    }
  }
}
