package io.whizbang.runtime.sql;

import io.whizbang.runtime.storage.SqlStorage;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** A migrated table set with a unique prefix, dropped again on close. */
public final class StorageFixture implements AutoCloseable {
  private final TestDb db;
  private final DataSource dataSource;
  private final SqlStorage storage;

  private StorageFixture(TestDb db, DataSource dataSource, SqlStorage storage) {
    this.db = db;
    this.dataSource = dataSource;
    this.storage = storage;
  }

  public static StorageFixture create(TestDb db) {
    return create(db, b -> b);
  }

  public static StorageFixture create(TestDb db, UnaryOperator<SqlStorage.Builder> options) {
    DataSource dataSource = db.dataSource();
    String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    SqlStorage storage = options.apply(SqlStorage.builder(dataSource).tablePrefix(prefix)).build();
    storage.migrate();
    return new StorageFixture(db, dataSource, storage);
  }

  public SqlStorage storage() {
    return storage;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public TestDb db() {
    return db;
  }

  /** A second storage on the same tables (another "process": its own commit signal). */
  public SqlStorage sibling() {
    return SqlStorage.builder(dataSource).tablePrefix(StorageInternals.tables(storage).prefix())
        .outboxPartitions(storage.outboxPartitions()).build();
  }

  public Connection connection() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A single number from a query. */
  /**
   * Waits until every transaction that was running on the server when this is called has ended, so that what the
   * test committed is past the event store's read fence. On PostgreSQL the fence is the oldest writing
   * transaction anywhere on the server, and an unrelated client can hold it back for a moment; H2 has no fence.
   */
  public void awaitReadFence() {
    if (db != TestDb.POSTGRES) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        java.sql.Statement statement = c.createStatement()) {
      String horizon;
      try (java.sql.ResultSet rs = statement.executeQuery("select pg_snapshot_xmax(pg_current_snapshot())::text")) {
        rs.next();
        horizon = rs.getString(1);
      }
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        try (java.sql.ResultSet rs = statement.executeQuery(
            "select pg_snapshot_xmin(pg_current_snapshot()) >= '" + horizon + "'::xid8")) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
        Thread.sleep(10);
      }
      throw new AssertionError("a transaction on the PostgreSQL server stayed open for 30 s; the read fence never passed");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public long count(String sql) {
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public void execute(String sql) {
    try (Connection c = connection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    try (Connection c = connection(); Statement s = c.createStatement()) {
      if (db == TestDb.H2) {
        s.execute("shutdown");
        return;
      }
      dropTables(c, StorageInternals.tables(storage));
    } catch (SQLException e) {
      throw new IllegalStateException("Cleaning up " + StorageInternals.tables(storage) + " failed", e);
    }
  }

  static void dropTables(Connection c, TableNames tables) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    List<String> names = new ArrayList<>();
    try (ResultSet rows = meta.getTables(null, tables.schema(), tables.prefix() + "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        String name = rows.getString("TABLE_NAME");
        if (name.startsWith(tables.prefix())) {
          names.add((tables.schema() == null ? "" : tables.schema() + ".") + name);
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String name : names) {
        s.execute("drop table if exists " + name + " cascade");
      }
      if (tables.schema() != null) {
        s.execute("drop schema if exists " + tables.schema() + " cascade");
      }
    }
  }
}
