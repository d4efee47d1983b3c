package io.whizbang.runtime.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases storage tests run on. PostgreSQL is the one at 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}, trust auth; {@code scripts/services/start-postgres.sh} starts it). When it is unreachable the
 * PostgreSQL cases are skipped with a message, or fail when {@code CI=true}.
 */
public enum TestDb {
  H2,
  POSTGRES;

  private static volatile Boolean postgresUp;

  /** A fresh data source: a private in-memory database for H2, the shared test database for PostgreSQL. */
  public DataSource dataSource() {
    if (this == H2) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "")
          + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000");
      return h2;
    }
    requirePostgres();
    return postgres();
  }

  static PGSimpleDataSource postgres() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setServerNames(new String[] {System.getenv().getOrDefault("PG_HOST", "127.0.0.1")});
    pg.setPortNumbers(new int[] {Integer.parseInt(System.getenv().getOrDefault("PG_PORT", "5432"))});
    pg.setDatabaseName("test");
    pg.setUser("postgres");
    pg.setPassword(System.getenv().getOrDefault("PG_PASSWORD", "postgres"));
    pg.setConnectTimeout(5);
    return pg;
  }

  /** Skips (or, with {@code CI=true}, fails) the calling test when PostgreSQL is not reachable. */
  public static void requirePostgres() {
    if (postgresUp == null) {
      try (Connection c = postgres().getConnection()) {
        postgresUp = c.isValid(5);
      } catch (SQLException e) {
        postgresUp = false;
      }
    }
    if (!postgresUp) {
      String message = "PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres);"
          + " run scripts/services/start-postgres.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message + " (CI=true: PostgreSQL tests must not be skipped)");
      }
      Assumptions.abort(message);
    }
  }
}
