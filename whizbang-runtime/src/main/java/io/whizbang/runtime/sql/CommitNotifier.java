package io.whizbang.runtime.sql;

import io.whizbang.runtime.thread.Threads;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the relays of every process (PostgreSQL {@code NOTIFY} on the outbox channel) after transactions that
 * appended to the outbox have committed — from a connection of its own, never inside those transactions.
 *
 * <p>Why not {@code NOTIFY} in the writer's transaction: PostgreSQL queues notifications under one global lock held
 * through the commit, so every notifying transaction commits alone and concurrent writers lose group commit (a
 * 3-5x drop in transactions per second with eight writers). Here a writer only reads its transaction id
 * ({@link #afterCommitOf}); one background thread per storage watches those ids with {@code pg_xact_status} and
 * sends a single notification for every burst of commits it sees. A transaction whose end the caller knows reports
 * it with {@link #committed()} instead.
 *
 * <p>The thread starts on demand and stops after {@link #IDLE_NANOS} without work, closing its connection: while
 * writes keep coming it holds one connection of the storage's data source (size pools with one to spare). If the
 * database is unreachable it logs and drops the pending ids: relays still find the rows at their next poll.
 */
public final class CommitNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(CommitNotifier.class);
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long LONGEST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final DataSource dataSource;
  private final String channel;
  private final Threads threads;
  private final Object lock = new Object();
  private final Set<Long> open = new HashSet<>();
  private boolean notifyNow;
  private Thread worker;

  public CommitNotifier(DataSource dataSource, String channel, Threads threads) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.threads = threads;
  }

  /** Reads the transaction id of {@code connection}'s open transaction and notifies once it has committed. */
  public void afterCommitOf(Connection connection) throws SQLException {
    long xid;
    try (PreparedStatement s = connection.prepareStatement("select cast(pg_current_xact_id() as text)");
        ResultSet r = s.executeQuery()) {
      r.next();
      xid = Long.parseLong(r.getString(1));
    }
    afterCommitOf(xid);
  }

  /** Notifies once the transaction {@code xid} ({@code pg_current_xact_id()}) has committed. */
  public void afterCommitOf(long xid) {
    synchronized (lock) {
      open.add(xid);
      wakeWorker();
    }
  }

  /** Notifies as soon as possible: a transaction that appended to the outbox has just committed. */
  public void committed() {
    synchronized (lock) {
      notifyNow = true;
      wakeWorker();
    }
  }

  private void wakeWorker() {
    if (worker == null) {
      Thread thread = threads.newThread("whizbang-commit-notifier-" + channel, this::run);
      thread.start();                              // if this throws, worker stays null and the next call retries
      worker = thread;
    } else {
      lock.notifyAll();
    }
  }

  private void run() {
    Connection connection = null;
    long pollNanos = FIRST_POLL_NANOS;
    try {
      while (true) {
        boolean notify;
        Long[] watched;
        synchronized (lock) {
          long idleSince = System.nanoTime();
          while (!notifyNow && open.isEmpty()) {
            if (System.nanoTime() - idleSince > IDLE_NANOS) {
              worker = null;
              return;
            }
            lock.wait(1000);
          }
          notify = notifyNow;
          notifyNow = false;
          watched = open.toArray(Long[]::new);
        }
        try {
          if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
          }
          boolean anyEnded = false;
          if (watched.length > 0) {
            Set<Long> ended = ended(connection, watched);
            anyEnded = !ended.isEmpty();
            synchronized (lock) {
              open.removeAll(ended);
            }
          }
          if (notify || anyEnded) {
            try (PreparedStatement s = connection.prepareStatement("select pg_notify(?, '')")) {
              s.setString(1, channel);
              s.execute();
            }
          }
          // Back off while transactions stay open, so a long one is not polled a thousand times a second.
          pollNanos = anyEnded || notify ? FIRST_POLL_NANOS : Math.min(pollNanos * 2, LONGEST_POLL_NANOS);
        } catch (SQLException | RuntimeException e) {
          LOG.warn("Could not notify relays on {} (they will find the rows at their next poll): {}", channel,
              e.toString());
          closeQuietly(connection);
          connection = null;
          synchronized (lock) {
            open.clear();
          }
          LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
          continue;
        }
        synchronized (lock) {
          if (!open.isEmpty() && !notifyNow) {
            lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(pollNanos)));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // However this thread ends, the next request starts a new one (rather than waking a dead thread).
      synchronized (lock) {
        if (worker == Thread.currentThread()) {
          worker = null;
        }
      }
      closeQuietly(connection);
    }
  }

  /** The ids among {@code xids} whose transaction committed or rolled back (or is too old to tell). */
  private static Set<Long> ended(Connection connection, Long[] xids) throws SQLException {
    String[] text = new String[xids.length];
    for (int i = 0; i < xids.length; i++) {
      text[i] = Long.toString(xids[i]);
    }
    Set<Long> ended = new HashSet<>();
    Array array = connection.createArrayOf("text", text);
    try (PreparedStatement s = connection.prepareStatement(
        "select x, pg_xact_status(cast(x as xid8)) from unnest(cast(? as text[])) as t(x)")) {
      s.setArray(1, array);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (!"in progress".equals(r.getString(2))) {
            ended.add(Long.parseLong(r.getString(1)));
          }
        }
      }
    } finally {
      array.free();
    }
    return ended;
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing a broken connection
      }
    }
  }
}
