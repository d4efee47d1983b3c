package io.whizbang.runtime.sql;

import io.whizbang.runtime.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Brings a table set up to the latest schema version: applies each missing {@link Migration} once, under a lock so
 * that several instances starting together do not race, and records it in {@code schema_version}. Running it again
 * does nothing. Usually called through {@link SqlStorage#migrate()}.
 */
public final class SchemaMigrator {
  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final TableNames tables;
  private final List<Migration> migrations;
  private final int outboxPartitions;

  public SchemaMigrator(
      DataSource dataSource, SqlDialect dialect, TableNames tables, List<Migration> migrations, int outboxPartitions) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.tables = tables;
    this.migrations = sorted(migrations);
    this.outboxPartitions = outboxPartitions;
  }

  private static List<Migration> sorted(List<Migration> migrations) {
    List<Migration> copy = new ArrayList<>(migrations);
    copy.sort(Comparator.comparingInt(Migration::version));
    Set<Integer> seen = new HashSet<>();
    for (Migration m : copy) {
      if (!seen.add(m.version())) {
        throw new IllegalArgumentException("Two migrations share version " + m.version());
      }
    }
    return List.copyOf(copy);
  }

  /** Applies the missing versions; returns the versions applied by this call (empty when up to date). */
  public List<Integer> migrate() {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      Runnable release = dialect.lockForMigration(connection, tables);
      try {
        List<Integer> applied = applyMissing(connection);
        ensurePartitions(connection);
        connection.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        release.run();
      }
    } catch (SQLException e) {
      throw new StorageException("Schema migration of " + tables + " failed", e);
    }
  }

  private List<Integer> applyMissing(Connection connection) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      if (tables.schema() != null) {
        ddl.execute("create schema if not exists " + tables.schema());
      }
      ddl.execute("create table if not exists " + tables.schemaVersion()
          + " (version int primary key, description varchar(200) not null,"
          + " applied_at timestamp with time zone default current_timestamp not null)");
    }
    Set<Integer> done = new HashSet<>();
    try (Statement query = connection.createStatement();
        ResultSet rows = query.executeQuery("select version from " + tables.schemaVersion())) {
      while (rows.next()) {
        done.add(rows.getInt(1));
      }
    }
    int latestKnown = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    for (int version : done) {
      if (version > latestKnown) {
        throw new StorageException("The tables " + tables + " are at schema version " + version
            + ", newer than this runtime knows (" + latestKnown + "): upgrade the Whizbang runtime");
      }
    }
    List<Integer> applied = new ArrayList<>();
    for (Migration migration : migrations) {
      if (done.contains(migration.version())) {
        continue;
      }
      try (Statement ddl = connection.createStatement()) {
        for (String sql : migration.statements().apply(dialect, tables)) {
          ddl.execute(sql);
        }
      }
      try (PreparedStatement record = connection.prepareStatement(
          "insert into " + tables.schemaVersion() + " (version, description) values (?, ?)")) {
        record.setInt(1, migration.version());
        record.setString(2, migration.description());
        record.executeUpdate();
      }
      applied.add(migration.version());
    }
    return applied;
  }

  private void ensurePartitions(Connection connection) throws SQLException {
    String stored = null;
    try (PreparedStatement query = connection.prepareStatement(
        "select val from " + tables.settings() + " where name = 'outbox_partitions'")) {
      try (ResultSet rows = query.executeQuery()) {
        if (rows.next()) {
          stored = rows.getString(1);
        }
      }
    }
    if (stored != null) {
      if (Integer.parseInt(stored) != outboxPartitions) {
        throw new StorageException("The outbox of " + tables + " was created with " + stored
            + " partitions but this instance is configured with " + outboxPartitions
            + ": every instance of a service must use the same outboxPartitions");
      }
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "insert into " + tables.settings() + " (name, val) values ('outbox_partitions', ?)")) {
      insert.setString(1, Integer.toString(outboxPartitions));
      insert.executeUpdate();
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "insert into " + tables.outboxPartitions() + " (partition_no) values (?)")) {
      for (int p = 0; p < outboxPartitions; p++) {
        insert.setInt(1, p);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
