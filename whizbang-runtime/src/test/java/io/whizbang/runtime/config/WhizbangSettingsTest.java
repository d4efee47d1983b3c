package io.whizbang.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.Whizbang;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WhizbangSettingsTest {

  @Test
  void everyBadKeyIsReportedAtOnceWithItsValueAndAcceptedForm() {
    Map<String, String> given = Map.of(
        "whizbang.service", "Orders",
        "whizbang.consumer-concurrency", "zero",
        "whizbang.outbox.publish-interval", "5 seconds",
        "whizbang.inbox.cleanup-retention", "-PT1S",
        "whizbang.broker", "kafka",
        "whizbang.outbox.publish-intervall", "2s",
        "whizbang.kafka.consumer-group", "orders",
        "whizbang.domains.Orders.url", "http://orders:8081",
        "whizbang.domains.shipping.url", "ftp://shipping",
        "whizbang.projection.backfill-from", "yesterday");

    assertThatThrownBy(() -> WhizbangSettings.from(given))
        .isInstanceOfSatisfying(WhizbangSettingsException.class, e -> assertThat(e.problems()).hasSize(10))
        .hasMessageContaining("10 bad Whizbang settings:")
        .hasMessageContaining("whizbang.service=Orders: a name of lower-case letters, digits and '-', starting with a"
            + " letter")
        .hasMessageContaining("whizbang.consumer-concurrency=zero: a whole number from 1 to 1024")
        .hasMessageContaining("whizbang.outbox.publish-interval=5 seconds: a positive duration: a number and a unit"
            + " (500ms, 5s, 2m, 1h, 7d) or ISO-8601 (PT5S, P7D)")
        .hasMessageContaining("whizbang.inbox.cleanup-retention=-PT1S: a positive duration")
        .hasMessageContaining("whizbang.broker=kafka: kafka needs io.whizbang:whizbang-kafka on the class path")
        .hasMessageContaining("whizbang.outbox.publish-intervall=2s: unknown key; did you mean"
            + " whizbang.outbox.publish-interval?")
        .hasMessageContaining("whizbang.kafka.consumer-group=orders: unknown key; the consumer group is the service's"
            + " name: set whizbang.service")
        .hasMessageContaining("whizbang.domains.Orders.url=http://orders:8081: unknown key; a domain's feed is"
            + " whizbang.domains.<name>.url")
        .hasMessageContaining("whizbang.domains.shipping.url=ftp://shipping: an http:// or https:// URL")
        .hasMessageContaining("whizbang.projection.backfill-from=yesterday: beginning, or an ISO-8601 instant");
  }

  @Test
  void readsEachKeyAndAcceptsBothDurationForms() {
    Properties p = new Properties();
    p.setProperty("whizbang.service", "analytics");
    p.setProperty("whizbang.owns", "reports, exports");
    p.setProperty("whizbang.outbox.publish-interval", "PT2S");
    p.setProperty("whizbang.inbox.cleanup-retention", "36h");
    p.setProperty("whizbang.domains.orders.url", "http://orders:8081");
    p.setProperty("whizbang.projection.backfill-from", "2026-01-01T00:00:00Z");
    p.setProperty("server.port", "8080"); // not ours: ignored

    WhizbangSettings settings = WhizbangSettings.from(p);

    assertThat(settings.service()).contains("analytics");
    assertThat(settings.owns()).containsExactly("reports", "exports");
    assertThat(settings.broker()).isEqualTo("memory");
    assertThat(settings.publishInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.cleanupRetention()).isEqualTo(Duration.ofHours(36));
    assertThat(settings.domains()).containsExactly(Map.entry("orders", URI.create("http://orders:8081")));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("P7D")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("0s")).isNull();
  }

  @Test
  void environmentVariablesMapToKeysAndUnknownOnesUnderOurSectionsAreReported() {
    WhizbangSettings settings = WhizbangSettings.fromEnvironment(Map.of(
        "WHIZBANG_OUTBOX_PUBLISH_INTERVAL", "2m",
        "WHIZBANG_DOMAINS_ORDER_HISTORY_URL", "http://history:8081",
        "WHIZBANG_ORDERS", "3000",          // another program's variable: left alone
        "PATH", "/usr/bin"));
    assertThat(settings.publishInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.domains()).containsOnlyKeys("order-history");
    assertThat(WhizbangSettings.environmentVariable("whizbang.inbox.cleanup-retention"))
        .isEqualTo("WHIZBANG_INBOX_CLEANUP_RETENTION");

    assertThatThrownBy(() -> WhizbangSettings.fromEnvironment(Map.of("WHIZBANG_INBOX_CLEANUP_RETENSION", "1d")))
        .hasMessageContaining("whizbang.inbox.cleanup-retension=1d: unknown key; did you mean"
            + " whizbang.inbox.cleanup-retention?");
  }

  @Test
  void configuresAServiceWithStorageAndItsRelay() {
    WhizbangSettings settings = WhizbangSettings.from(Map.of(
        "whizbang.service", "billing",
        "whizbang.datasource.url", "jdbc:h2:mem:settings-test;DB_CLOSE_DELAY=-1",
        "whizbang.datasource.user", "sa",
        "whizbang.storage.table-prefix", "billing_",
        "whizbang.outbox.publish-interval", "3s"));

    try (Whizbang billing = settings.configure(Whizbang.builder()).build().start()) {
      assertThat(billing.serviceName()).isEqualTo("billing");
      assertThat(billing.relay()).hasValueSatisfying(
          relay -> assertThat(relay.config().publishInterval()).isEqualTo(Duration.ofSeconds(3)));
      assertThat(billing.storage()).isPresent();
    }
  }
}
