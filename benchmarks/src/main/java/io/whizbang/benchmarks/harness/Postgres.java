package io.whizbang.benchmarks.harness;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the harnesses measure on: {@code PG_HOST}/{@code PG_PORT} (default 127.0.0.1:5432),
 * database {@code test}, user {@code postgres}. Unpooled: every component keeps the connections it opens.
 */
public final class Postgres {
  private Postgres() {}

  public static PGSimpleDataSource dataSource() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setServerNames(new String[] {System.getenv().getOrDefault("PG_HOST", "127.0.0.1")});
    pg.setPortNumbers(new int[] {Integer.parseInt(System.getenv().getOrDefault("PG_PORT", "5432"))});
    pg.setDatabaseName(System.getenv().getOrDefault("PG_DATABASE", "test"));
    pg.setUser(System.getenv().getOrDefault("PG_USER", "postgres"));
    pg.setPassword(System.getenv().getOrDefault("PG_PASSWORD", "postgres"));
    pg.setConnectTimeout(5);
    return pg;
  }

  /** A table prefix no other run uses: {@code bench_<area>_<random>_}. */
  public static String uniquePrefix(String area) {
    return "bench_" + area + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
  }

  /** Drops every table whose name starts with {@code prefix} (the harness's own, after a run). */
  public static void dropTables(String prefix) {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("do $$ declare t text; begin for t in select tablename from pg_tables where schemaname = current_schema()"
          + " and tablename like '" + prefix.replace("_", "\\_") + "%' loop execute 'drop table if exists '"
          + " || quote_ident(t) || ' cascade'; end loop; end $$");
    } catch (SQLException e) {
      System.err.println("Could not drop the tables " + prefix + "*: " + e);
    }
  }

  public static void execute(String sql) {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
