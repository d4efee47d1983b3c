package io.whizbang.runtime.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL with the event store's read fence moved to a fixed transaction id, and nothing else changed.
 *
 * <p>The real fence hides every row whose {@code tx_order} is above the server's current transaction id, and a test
 * database is far from 10^9, 2^31 or 2^32. Tests that need rows at such ids write them and read them through this
 * dialect: the ordering, the cursor comparison and the casts under test are the production ones.
 */
public final class MovedFenceDialect implements SqlDialect {
  private final SqlDialect postgres = SqlDialect.postgres();
  private final String fence;

  /** Rows with a {@code tx_order} below {@code fence} are visible, whatever transactions are running. */
  public MovedFenceDialect(long fence) {
    this.fence = "tx_order < cast('" + fence + "' as xid8)";
  }

  @Override
  public String committedFence() {
    return fence;
  }

  @Override
  public String name() {
    return postgres.name();
  }

  @Override
  public String bytesType() {
    return postgres.bytesType();
  }

  @Override
  public String textType() {
    return postgres.textType();
  }

  @Override
  public String identityColumn(String column) {
    return postgres.identityColumn(column);
  }

  @Override
  public String txOrderType() {
    return postgres.txOrderType();
  }

  @Override
  public String txOrderValue(boolean withPrevious) {
    return postgres.txOrderValue(withPrevious);
  }

  @Override
  public String txOrderAsNumber() {
    return postgres.txOrderAsNumber();
  }

  @Override
  public String txOrderParameter() {
    return postgres.txOrderParameter();
  }

  @Override
  public String afterCursor() {
    return postgres.afterCursor();
  }

  @Override
  public void beforeAppend(Connection connection, TableNames tables) throws SQLException {
    postgres.beforeAppend(connection, tables);
  }

  @Override
  public Runnable lockForMigration(Connection connection, TableNames tables) throws SQLException {
    return postgres.lockForMigration(connection, tables);
  }

  @Override
  public String nowMillis() {
    return postgres.nowMillis();
  }

  @Override
  public String boundedDelete(String table, String where) {
    return postgres.boundedDelete(table, where);
  }

  @Override
  public String bigintArrayType() {
    return postgres.bigintArrayType();
  }

  @Override
  public boolean supportsNotify() {
    return postgres.supportsNotify();
  }
}
