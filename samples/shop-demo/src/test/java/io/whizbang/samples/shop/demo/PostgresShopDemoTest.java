package io.whizbang.samples.shop.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The demo scenario on PostgreSQL (in its own schema, dropped afterwards). Fails when PostgreSQL is unreachable and
 * {@code CI=true}; skipped with a message otherwise. URL: {@code WHIZBANG_TEST_PG_URL}, default the local server.
 */
class PostgresShopDemoTest {

  private static final String URL =
      System.getenv().getOrDefault("WHIZBANG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

  @Test
  void everyServiceSeesEachEventExactlyOnceOnPostgres() throws Exception {
    requirePostgres();
    Settings settings = Settings.parse(List.of("--orders", "200", "--timeout", "50", "--db", URL), Map.of());

    Report report = new Scenario(settings, System.out).run();
    report.print(System.out);

    assertThat(report.checks()).hasSize(11);
    assertThat(report.checks()).allSatisfy(check ->
        assertThat(check.passed()).as(check.name() + " (" + check.evidence() + ")").isTrue());
  }

  private static void requirePostgres() {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
      assertThat(c.isValid(5)).isTrue();
    } catch (SQLException e) {
      String message = "PostgreSQL is not reachable at " + URL + " (" + e.getMessage()
          + "); start it with scripts/services/start-postgres.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }
}
