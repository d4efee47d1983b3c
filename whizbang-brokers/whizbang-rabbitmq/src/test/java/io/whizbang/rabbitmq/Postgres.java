package io.whizbang.rabbitmq;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/** The PostgreSQL the storage-backed tests use (127.0.0.1:5432, database test); skipped or failed when missing. */
final class Postgres {

  private Postgres() {}

  /** The data source; the calling test is skipped (or fails under CI=true) when PostgreSQL is not reachable. */
  static PGSimpleDataSource require() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setServerNames(new String[] {System.getenv().getOrDefault("PG_HOST", "127.0.0.1")});
    pg.setPortNumbers(new int[] {Integer.parseInt(System.getenv().getOrDefault("PG_PORT", "5432"))});
    pg.setDatabaseName("test");
    pg.setUser("postgres");
    pg.setPassword(System.getenv().getOrDefault("PG_PASSWORD", "postgres"));
    pg.setConnectTimeout(5);
    try (Connection c = pg.getConnection()) {
      return pg;
    } catch (SQLException e) {
      String message = "PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres): "
          + e.getMessage() + "; run scripts/services/start-postgres.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
      return null;
    }
  }

  static void execute(PGSimpleDataSource postgres, String sql) {
    try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
