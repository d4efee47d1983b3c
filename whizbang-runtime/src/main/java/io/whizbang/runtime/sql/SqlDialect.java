package io.whizbang.runtime.sql;

import io.whizbang.runtime.storage.StorageException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The few places where PostgreSQL and H2 differ: column types, the gap-safe ordering of the event store, locks, and
 * the database clock. Everything else is plain SQL shared by both.
 *
 * <pre>{@code
 * SqlDialect dialect = SqlDialect.detect(dataSource); // or SqlDialect.postgres() / SqlDialect.h2()
 * }</pre>
 */
public interface SqlDialect {

  /** {@code "postgresql"} or {@code "h2"}. */
  String name();

  /** The column type of opaque bytes ({@code bytea}, {@code varbinary}). */
  String bytesType();

  /** The column type of unbounded text. */
  String textType();

  /** A bigint primary-key column filled from a sequence, with its constraint. */
  String identityColumn(String column);

  /**
   * The type of the event store's ordering column {@code tx_order}. On PostgreSQL it is the {@code xid8} of the
   * appending transaction; on H2 it is unused (every row holds 0) because appends are serialized instead.
   */
  String txOrderType();

  /**
   * The value stored in {@code tx_order} for an appended event; {@code ?} binds the {@code tx_order} of the
   * stream's previous event (as text) when {@code withPrevious} is true, so one stream's events never sort before
   * their predecessors.
   */
  String txOrderValue(boolean withPrevious);

  /** A SQL predicate, true for rows that can no longer be joined by a lower, still uncommitted event. */
  String committedFence();

  /**
   * {@code tx_order} as a number in a select list, under the alias {@code tx_order_number}. The alias matters: an
   * unaliased {@code cast(tx_order as text)} would be named {@code tx_order} too, and PostgreSQL binds a bare
   * {@code order by tx_order} to an output column before a table column, so the feed would sort as text
   * ({@code '100000' < '99999'}) while its cursor compares as numbers.
   */
  String txOrderAsNumber();

  /** A bound {@code tx_order} value ({@code ?}, bound as a string) for comparisons. */
  String txOrderParameter();

  /**
   * The feed's cursor condition on the events table aliased {@code e}: rows after the cursor
   * {@code (tx_order, position)}, bound as two parameters (the first as a string). Written so that the
   * {@code (tx_order, position)} index serves it as a range: a page costs the same however large the store is.
   */
  String afterCursor();

  /**
   * Called inside the appending transaction before positions are assigned. H2 takes a row lock held until commit
   * so that positions are handed out in commit order; PostgreSQL does nothing (its reads are fenced instead).
   */
  void beforeAppend(Connection connection, TableNames tables) throws SQLException;

  /**
   * Serializes schema migrations of one table set across connections (and, on PostgreSQL, processes). The lock
   * lasts until the current transaction ends and the returned release action has run.
   */
  Runnable lockForMigration(Connection connection, TableNames tables) throws SQLException;

  /** The database clock in epoch milliseconds, as a SQL expression (one clock for every relay instance). */
  String nowMillis();


  /**
   * A delete of at most {@code ?} rows of {@code table} matching {@code where} (the limit is the last parameter),
   * taking only rows no other transaction holds, where the database can tell.
   */
  String boundedDelete(String table, String where);

  /** The SQL array type name of bigint for {@link Connection#createArrayOf}. */
  String bigintArrayType();

  /** True when notifications across processes exist (PostgreSQL {@code LISTEN/NOTIFY}). */
  boolean supportsNotify();

  static SqlDialect postgres() {
    return PostgresDialect.INSTANCE;
  }

  static SqlDialect h2() {
    return H2Dialect.INSTANCE;
  }

  /** The dialect of the database behind {@code dataSource}, from its JDBC metadata. */
  static SqlDialect detect(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      String product = metaData.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
      if (product.contains("postgresql")) {
        return postgres();
      }
      if (product.contains("h2")) {
        return h2();
      }
      throw new StorageException("Unsupported database '" + metaData.getDatabaseProductName()
          + "': Whizbang storage supports PostgreSQL and H2");
    } catch (SQLException e) {
      throw new StorageException("Cannot open a connection to detect the database", e);
    }
  }
}
