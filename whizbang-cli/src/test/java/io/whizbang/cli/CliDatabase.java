package io.whizbang.cli;

import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.storage.SqlStorage;
import java.util.List;

/**
 * A service's migrated tables on the test PostgreSQL (fresh table prefix), and the options that point the command
 * at them. Fails, rather than skips, without PostgreSQL when CI=true (TestDb).
 */
final class CliDatabase implements AutoCloseable {
  final StorageFixture fixture = StorageFixture.create(TestDb.POSTGRES);

  SqlStorage storage() {
    return fixture.storage();
  }

  String prefix() {
    return StorageInternals.tables(storage()).prefix();
  }

  Cli cli() {
    return new Cli(List.of("--jdbc-url", "jdbc:postgresql://" + System.getenv().getOrDefault("PG_HOST", "127.0.0.1")
        + ":" + System.getenv().getOrDefault("PG_PORT", "5432") + "/test", "--user", "postgres",
        "--password", System.getenv().getOrDefault("PG_PASSWORD", "postgres"), "--table-prefix", prefix()));
  }

  long count(String sql) {
    return fixture.count(sql.replace("{p}", prefix()));
  }

  @Override
  public void close() {
    fixture.close();
  }
}
