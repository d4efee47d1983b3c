package io.whizbang.runtime.sql;

import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * H2 2.x (embedded): appends are serialized by a row lock held until commit, so positions are handed out in commit
 * order and a plain {@code position > cursor} read never skips an event.
 */
final class H2Dialect implements SqlDialect {
  static final H2Dialect INSTANCE = new H2Dialect();

  // H2 commits every DDL statement on its own, so a row lock cannot guard a migration; an embedded database lives
  // in one JVM, where this lock does.
  private static final Map<String, ReentrantLock> MIGRATION_LOCKS = new ConcurrentHashMap<>();

  private H2Dialect() {}

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public String bytesType() {
    return "varbinary";
  }

  @Override
  public String textType() {
    return "varchar(1000000)";
  }

  @Override
  public String identityColumn(String column) {
    return column + " bigint generated always as identity primary key";
  }

  @Override
  public String txOrderType() {
    return "bigint";
  }

  @Override
  public String txOrderValue(boolean withPrevious) {
    return withPrevious ? "0 + 0 * cast(? as bigint)" : "0";
  }

  @Override
  public String committedFence() {
    return "1 = 1";
  }

  @Override
  public String txOrderAsNumber() {
    return "tx_order as tx_order_number";
  }

  @Override
  public String txOrderParameter() {
    return "cast(? as bigint)";
  }

  @Override
  public String afterCursor() {
    // Every H2 row holds tx_order 0 (positions are handed out in commit order), and so does every cursor of an H2
    // store. H2 turns a row comparison into a range on the first column only, scanning the store from its start on
    // every page; the equality keeps the scan to the page.
    return "e.tx_order = cast(? as bigint) and e.position > ?";
  }

  @Override
  public void beforeAppend(Connection connection, TableNames tables) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(
        "select id from " + tables.eventLock() + " where id = 1 for update")) {
      try (ResultSet rows = lock.executeQuery()) {
        if (!rows.next()) {
          throw new StorageException("The append lock row of " + tables.eventLock()
              + " is missing; run the schema migration (SqlStorage.migrate())");
        }
      }
    }
  }

  @Override
  public Runnable lockForMigration(Connection connection, TableNames tables) throws SQLException {
    String key = connection.getMetaData().getURL() + "|" + tables.qualifier();
    ReentrantLock lock = MIGRATION_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    return lock::unlock;
  }

  @Override
  public String nowMillis() {
    return "cast(extract(epoch from current_timestamp(3)) * 1000 as bigint)";
  }


  @Override
  public String boundedDelete(String table, String where) {
    // H2 evaluates "id in (select ... fetch first n)" per row; its own bounded delete is linear.
    return "delete from " + table + " where " + where + " fetch first ? rows only";
  }

  @Override
  public String bigintArrayType() {
    return "BIGINT";
  }

  @Override
  public boolean supportsNotify() {
    return false;
  }
}
