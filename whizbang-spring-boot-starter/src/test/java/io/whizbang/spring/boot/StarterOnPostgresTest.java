package io.whizbang.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.spring.boot.billing.BillingApplication;
import io.whizbang.spring.boot.billing.BillingHandlers;
import io.whizbang.spring.boot.billing.ChargeCard;
import io.whizbang.spring.boot.billing.Checkout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The starter against a real PostgreSQL (127.0.0.1:5432, database test): the outbox joins an {@code @Transactional}
 * method's transaction, a handler's JdbcTemplate writes join the inbox transaction, the feed server runs with the
 * context, and health and meters reach Actuator's types. Without the database it is skipped with a message, or
 * fails under {@code CI=true}.
 */
@SpringBootTest(classes = BillingApplication.class, properties = {
    "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
    "spring.datasource.username=postgres",
    "whizbang.storage.schema=" + StarterOnPostgresTest.SCHEMA,
    "whizbang.outbox.publish-interval=50ms",
    "whizbang.feed.port=0"})
class StarterOnPostgresTest {

  static final String SCHEMA = "spring_tx_test";

  @Autowired Checkout checkout;
  @Autowired BillingHandlers handlers;
  @Autowired Whizbang whizbang;
  @Autowired JdbcTemplate jdbc;
  @Autowired WhizbangLifecycle lifecycle;
  @Autowired WhizbangHealthIndicator healthIndicator;
  @Autowired MeterRegistry meters;

  @BeforeAll
  static void requirePostgres() {
    TestDb.requirePostgres(); // before the context, which would fail to start without the database
  }

  @Test
  void aRolledBackTransactionLeavesNoOutboxRowAndItsEventIsNeverPublished() {
    String account = "acct-" + UUID.randomUUID();
    UUID refused = UUID.randomUUID();
    UUID paid = UUID.randomUUID();

    assertThatThrownBy(() -> checkout.pay(account, refused, true)).hasMessage("payment refused");
    assertThat(outboxRows(account)).isZero();
    checkout.pay(account, paid, false);

    // One account's events keep their order: had the refused one been stored, it would be heard first.
    Await.until(() -> handlers.heard().contains(paid), "the paid charge heard");
    assertThat(handlers.heard()).doesNotContain(refused);
    assertThat(jdbc.queryForList("select id from " + SCHEMA + ".receipts", UUID.class))
        .contains(paid).doesNotContain(refused);
  }

  @Test
  void aHandlerExceptionRollsBackItsJdbcTemplateWritesAndItsInboxRow() {
    UUID good = UUID.randomUUID();
    UUID bad = UUID.randomUUID();
    long deadBefore = whizbang.inbox("billing").orElseThrow().deadLetters().count();
    int failuresBefore = handlers.failures();

    whizbang.send(new ChargeCard(bad, -100)).join();
    whizbang.send(new ChargeCard(good, 100)).join();

    Await.until(() -> whizbang.inbox("billing").orElseThrow().deadLetters().count() > deadBefore,
        "the negative charge dead-lettered");
    Await.until(() -> charges(good) == 1, "the good charge committed");
    assertThat(charges(bad)).as("the failed handler's insert was rolled back").isZero();
    // Both attempts ran the handler: the first attempt's inbox row was rolled back with its insert.
    assertThat(handlers.failures() - failuresBefore).isEqualTo(2);
  }

  @Test
  void theFeedServerRunsWithTheContextAndServesTheServicesHealth() throws Exception {
    URI health = lifecycle.feedServer().orElseThrow().uri().resolve("/health");

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"service\":\"billing\"");
  }

  @Test
  void theServicesHealthAndMetersReachActuatorsTypes() {
    Health health = healthIndicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsKey("status").containsKey("relay");

    assertThat(meters.find("whizbang.inbox.messages").tag("service", "billing").meters()).isNotEmpty();
  }

  private int charges(UUID id) {
    return jdbc.queryForObject("select count(*) from " + SCHEMA + ".charges where id = ?", Integer.class, id);
  }

  private int outboxRows(String partitionKey) {
    return jdbc.queryForObject("select count(*) from " + SCHEMA + ".whizbang_outbox where partition_key = ?",
        Integer.class, partitionKey);
  }
}
