package io.whizbang.runtime.relay;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the relay when another process commits outbox rows (PostgreSQL LISTEN/NOTIFY). Loaded only with the
 * PostgreSQL dialect, so the driver stays optional. A lost connection only delays publishing to the next poll;
 * the listener reconnects.
 */
final class PgNotificationListener implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PgNotificationListener.class);

  private final DataSource dataSource;
  private final String channel;
  private final Runnable wake;
  private volatile boolean running = true;
  private volatile Connection connection;

  PgNotificationListener(DataSource dataSource, String channel, Runnable wake) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.wake = wake;
  }

  @Override
  public void run() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("listen " + channel);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(500);
          if (notifications != null && notifications.length > 0) {
            wake.run();
          }
        }
      } catch (SQLException e) {
        if (running) {
          LOG.warn("Outbox LISTEN on {} failed, retrying in 1 s: {}", channel, e.getMessage());
          sleep();
        }
      } catch (RuntimeException | Error e) {
        // Never die silently: cross-process wake-ups would stop with nothing in the logs.
        if (running) {
          LOG.error("Outbox LISTEN on {} failed unexpectedly, listening again in 1 s", channel, e);
          sleep();
        }
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop() {
    running = false;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // stopping anyway
      }
    }
  }
}
