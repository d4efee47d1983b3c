package io.whizbang.runtime.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** PostgreSQL 13+: gap-safe reads are fenced at the oldest running transaction ({@code xid8}). */
final class PostgresDialect implements SqlDialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {}

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String bytesType() {
    return "bytea";
  }

  @Override
  public String textType() {
    return "text";
  }

  @Override
  public String identityColumn(String column) {
    return column + " bigint generated always as identity primary key";
  }

  @Override
  public String txOrderType() {
    return "xid8";
  }

  @Override
  public String txOrderValue(boolean withPrevious) {
    // A stream's next event may come from a transaction whose xid is older than its predecessor's (it wrote
    // something else first); taking the greatest keeps the feed order consistent with the stream's versions.
    return withPrevious ? "greatest(pg_current_xact_id(), cast(? as xid8))" : "pg_current_xact_id()";
  }

  @Override
  public String committedFence() {
    return "tx_order < pg_snapshot_xmin(pg_current_snapshot())";
  }

  @Override
  public String txOrderAsNumber() {
    return "cast(tx_order as text) as tx_order_number";
  }

  @Override
  public String txOrderParameter() {
    return "cast(? as xid8)";
  }

  @Override
  public String afterCursor() {
    // One row comparison on the xid8 column itself: an index range, compared as numbers.
    return "(e.tx_order, e.position) > (cast(? as xid8), ?)";
  }

  @Override
  public void beforeAppend(Connection connection, TableNames tables) {
    // Nothing to serialize: readers only see rows below the oldest running transaction.
  }

  @Override
  public Runnable lockForMigration(Connection connection, TableNames tables) throws SQLException {
    // A transaction-level advisory lock: released by the commit, also when the process dies mid-migration.
    try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
      lock.setLong(1, 0x5768697A62616E67L ^ tables.qualifier().hashCode());
      lock.execute();
    }
    return () -> { };
  }

  @Override
  public String nowMillis() {
    return "cast(extract(epoch from clock_timestamp()) * 1000 as bigint)";
  }


  @Override
  public String boundedDelete(String table, String where) {
    return "delete from " + table + " where id in (select id from " + table + " where " + where
        + " fetch first ? rows only for update skip locked)";
  }

  @Override
  public String bigintArrayType() {
    return "bigint";
  }

  @Override
  public boolean supportsNotify() {
    return true;
  }
}
