package io.whizbang.runtime.storage;

import io.whizbang.runtime.sql.CommitNotifier;
import io.whizbang.runtime.sql.CommitSignal;
import io.whizbang.runtime.sql.Migration;
import io.whizbang.runtime.sql.SchemaMigrator;
import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.StorageMigrations;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.thread.Threads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * One service's storage: a data source, its dialect, its table names and outbox partitioning. The event store, the
 * outbox and the relay are built from it, and share its in-process commit signal.
 *
 * <pre>{@code
 * SqlStorage storage = SqlStorage.builder(dataSource).tablePrefix("orders_").build();
 * storage.migrate();
 * storage.inTransaction(tx -> { ...; outbox.append(tx, messages); return null; });
 * }</pre>
 */
public final class SqlStorage {
  /** The default number of outbox partitions: the unit of ordering and of work sharing between relays. */
  public static final int DEFAULT_OUTBOX_PARTITIONS = 32;

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final TableNames tables;
  private final int outboxPartitions;
  private final boolean notifyOnCommit;
  private final List<Migration> migrations;
  private final Threads threads;
  private final CommitSignal commitSignal = new CommitSignal();
  private final CommitNotifier notifier;

  static {
    StorageInternals.register(new StorageInternals.Access() {
      @Override
      public SqlDialect dialect(SqlStorage storage) {
        return storage.dialect;
      }

      @Override
      public TableNames tables(SqlStorage storage) {
        return storage.tables;
      }

      @Override
      public CommitSignal commitSignal(SqlStorage storage) {
        return storage.commitSignal;
      }

      @Override
      public Threads threads(SqlStorage storage) {
        return storage.threads;
      }

      @Override
      public void dialect(Builder builder, SqlDialect dialect) {
        builder.dialect = Objects.requireNonNull(dialect, "dialect");
      }
    });
  }

  private SqlStorage(Builder b) {
    this.dataSource = b.dataSource;
    this.dialect = b.dialect != null ? b.dialect : SqlDialect.detect(b.dataSource);
    this.tables = TableNames.of(b.schema, b.tablePrefix);
    this.outboxPartitions = b.outboxPartitions;
    this.notifyOnCommit = b.notifyOnCommit && dialect.supportsNotify();
    this.migrations = StorageMigrations.all();
    this.threads = b.threads;
    this.notifier = notifyOnCommit ? new CommitNotifier(dataSource, tables.outboxChannel(), threads) : null;
  }

  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Creates or upgrades the tables (idempotent, safe when several instances start together). */
  public List<Integer> migrate() {
    return new SchemaMigrator(dataSource, dialect, tables, migrations, outboxPartitions).migrate();
  }

  /**
   * Runs {@code work} in a new transaction: commit when it returns, roll back when it throws; the
   * {@link Tx#afterCommit} actions run after the commit.
   */
  public <T> T inTransaction(Tx.Work<T> work) {
    List<Runnable> after;
    T result;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      Tx tx = new Tx(connection);
      try {
        result = work.run(tx);
        connection.commit();
      } catch (Throwable e) {
        rollbackQuietly(connection, e);
        if (e instanceof RuntimeException r) {
          throw r;
        }
        if (e instanceof Error err) {
          throw err;
        }
        throw new StorageException("Transaction failed", e);
      } finally {
        connection.setAutoCommit(true);
      }
      after = tx.afterCommitActions();
    } catch (SQLException e) {
      throw new StorageException("Transaction failed", e);
    }
    for (Runnable action : after) {
      action.run();
    }
    return result;
  }

  private static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public int outboxPartitions() {
    return outboxPartitions;
  }

  /**
   * Wakes the relays of other processes once the open transaction on {@code connection} commits, when
   * {@link #notifyOnCommit()}; otherwise does nothing. Costs one query in the transaction and does not make commits
   * wait for each other (the notification is sent from another connection).
   */
  public void notifyAfterCommit(Connection connection) throws SQLException {
    if (notifier != null) {
      notifier.afterCommitOf(connection);
    }
  }

  /**
   * Like {@link #notifyAfterCommit(Connection)}, for a caller that already read its transaction's id
   * ({@code pg_current_xact_id()}, for example in a {@code RETURNING} clause).
   */
  public void notifyAfterCommitOf(long transactionId) {
    if (notifier != null) {
      notifier.afterCommitOf(transactionId);
    }
  }

  /** Wakes the relays of other processes, when {@link #notifyOnCommit()}: an outbox append has just committed. */
  public void notifyCommitted() {
    if (notifier != null) {
      notifier.committed();
    }
  }

  /** True when outbox appends also send a PostgreSQL notification that wakes relays of other processes. */
  public boolean notifyOnCommit() {
    return notifyOnCommit;
  }

  /** Configures a {@link SqlStorage}; every setter validates its argument at once. */
  public static final class Builder {
    private final DataSource dataSource;
    private SqlDialect dialect;   // detected from the connection metadata unless a test sets one (StorageInternals)
    private String schema;
    private String tablePrefix = "whizbang_";
    private int outboxPartitions = DEFAULT_OUTBOX_PARTITIONS;
    private boolean notifyOnCommit = true;
    private Threads threads = Threads.defaults();

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A database schema for the tables (created on migration); default: the connection's schema. */
    public Builder schema(String value) {
      TableNames.of(value, tablePrefix);
      this.schema = value;
      return this;
    }

    /** Prepended to every table name (default {@code whizbang_}); lower-case letters, digits, {@code _}. */
    public Builder tablePrefix(String value) {
      TableNames.of(schema, value);
      this.tablePrefix = value == null ? "" : value;
      return this;
    }

    /**
     * How many partitions the outbox is split into (1..4096, default 32). Messages with one partition key are in
     * one partition; each partition is published in order by one relay at a time. Fixed when the tables are
     * created: every instance must use the same value.
     */
    public Builder outboxPartitions(int value) {
      if (value < 1 || value > 4096) {
        throw new IllegalArgumentException("outboxPartitions must be between 1 and 4096, was " + value);
      }
      this.outboxPartitions = value;
      return this;
    }

    /** Whether outbox appends notify relays of other processes (PostgreSQL LISTEN/NOTIFY; default true). */
    public Builder notifyOnCommit(boolean value) {
      this.notifyOnCommit = value;
      return this;
    }

    /**
     * The threads of every background loop on this storage: the commit notifier, and the relays, inbox cleaners and
     * projections built on it (default: platform daemon threads). For example {@code Thread.ofVirtual().factory()}
     * or a container's managed thread factory.
     */
    public Builder threads(ThreadFactory value) {
      this.threads = Threads.of(value);
      return this;
    }

    public SqlStorage build() {
      return new SqlStorage(this);
    }
  }
}
