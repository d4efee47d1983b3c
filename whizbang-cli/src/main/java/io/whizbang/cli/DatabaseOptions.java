package io.whizbang.cli;

import io.whizbang.runtime.Operations;
import io.whizbang.runtime.storage.SqlStorage;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/** Which service's tables a command works on: its database and the schema and table prefix it names them with. */
public final class DatabaseOptions {

  @Option(names = "--jdbc-url", paramLabel = "<url>", defaultValue = "${env:WHIZBANG_JDBC_URL}",
      description = "The service's database, e.g. jdbc:postgresql://db:5432/orders (env WHIZBANG_JDBC_URL).")
  String jdbcUrl;

  @Option(names = "--user", paramLabel = "<name>", defaultValue = "${env:WHIZBANG_DB_USER}",
      description = "Database user (env WHIZBANG_DB_USER).")
  String user;

  @Option(names = "--password", paramLabel = "<password>", defaultValue = "${env:WHIZBANG_DB_PASSWORD}",
      description = "Database password (env WHIZBANG_DB_PASSWORD; prefer the variable: options show in ps).")
  String password;

  @Option(names = "--schema", paramLabel = "<schema>", defaultValue = "${env:WHIZBANG_SCHEMA}",
      description = "The schema of the service's tables, if it sets one (env WHIZBANG_SCHEMA).")
  String schema;

  @Option(names = "--table-prefix", paramLabel = "<prefix>",
      defaultValue = "${env:WHIZBANG_TABLE_PREFIX:-whizbang_}",
      description = "The service's table prefix (env WHIZBANG_TABLE_PREFIX; default: ${DEFAULT-VALUE}).")
  String tablePrefix;

  /** The runtime's operations on the service's tables, after checking that the database answers. */
  public Operations operations() {
    return Operations.of(storage());
  }

  /** The service's storage, as the service itself builds it (same schema and prefix), its database checked. */
  public SqlStorage storage() {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new CliException(ExitCodes.USAGE, "No database given: pass --jdbc-url jdbc:postgresql://<host>:<port>/"
          + "<database> or set WHIZBANG_JDBC_URL");
    }
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new CliException(ExitCodes.USAGE, "Invalid --jdbc-url '" + jdbcUrl + "': a JDBC URL starts with jdbc:,"
          + " for example jdbc:postgresql://localhost:5432/orders");
    }
    SqlStorage.Builder builder;
    DriverDataSource dataSource = new DriverDataSource(jdbcUrl, user, password);
    try {
      builder = SqlStorage.builder(dataSource).tablePrefix(tablePrefix).schema(schema).notifyOnCommit(false);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage() + " (--table-prefix/--schema)");
    }
    try (Connection c = dataSource.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new CliException(ExitCodes.UNREACHABLE, "Cannot connect to " + jdbcUrl
          + (user == null ? "" : " as " + user) + ": " + e.getMessage(), e);
    }
    return builder.build();
  }
}
