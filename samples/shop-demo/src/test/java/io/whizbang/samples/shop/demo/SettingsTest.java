package io.whizbang.samples.shop.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flags and environment variables of the demo; bad values are refused with a message saying what to change. */
class SettingsTest {

  @Test
  void defaultsRunTheEmbeddedDemo() {
    Settings s = Settings.parse(List.of(), Map.of());

    assertThat(s.orders()).isEqualTo(3000);
    assertThat(s.broker()).isEqualTo("memory");
    assertThat(s.db()).isNull();
    assertThat(s.service()).isNull();
    assertThat(s.postgres()).isFalse();
  }

  @Test
  void flagsWinOverEnvironmentVariables() {
    Settings s = Settings.parse(List.of("--broker", "kafka", "--orders=50"),
        Map.of("WHIZBANG_BROKER", "rabbitmq", "WHIZBANG_KAFKA_BOOTSTRAP", "k:9093",
            "WHIZBANG_DB", "jdbc:postgresql://db:5432/shop"));

    assertThat(s.broker()).isEqualTo("kafka");
    assertThat(s.orders()).isEqualTo(50);
    assertThat(s.kafkaBootstrap()).isEqualTo("k:9093");
    assertThat(s.postgres()).isTrue();
  }

  @Test
  void oneServicePerProcessDefaultsToTheSharedNamespaceAndFeedPort() {
    Settings s = Settings.parse(List.of("--service", "orders", "--broker", "rabbitmq"), Map.of());

    assertThat(s.namespace()).isEqualTo("shop");
    assertThat(s.feedPort()).isEqualTo(8081);
  }

  @Test
  void tracesGoToTheConsoleOnlyWhenAsked() {
    assertThat(Settings.parse(List.of(), Map.of()).tracesToConsole()).isFalse();
    assertThat(Settings.parse(List.of("--traces", "console"), Map.of()).tracesToConsole()).isTrue();
    assertThat(Settings.parse(List.of(), Map.of("WHIZBANG_TRACES", "CONSOLE")).tracesToConsole()).isTrue();
  }

  @Test
  void refusesAnUnknownTraceExporter() {
    assertThatThrownBy(() -> Settings.parse(List.of("--traces", "jaeger"), Map.of()))
        .isInstanceOf(Settings.SettingsException.class)
        .hasMessage("--traces must be none or console, was 'jaeger'");
  }

  @Test
  void refusesAnUnknownBroker() {
    assertThatThrownBy(() -> Settings.parse(List.of("--broker", "carrier-pigeon"), Map.of()))
        .isInstanceOf(Settings.SettingsException.class)
        .hasMessage("--broker must be memory, kafka, rabbitmq or servicebus, was 'carrier-pigeon'");
  }

  @Test
  void refusesOneServicePerProcessOnTheInMemoryTransport() {
    assertThatThrownBy(() -> Settings.parse(List.of("--service", "inventory"), Map.of()))
        .isInstanceOf(Settings.SettingsException.class)
        .hasMessageContaining("add --broker kafka, --broker rabbitmq or --broker servicebus");
  }

  @Test
  void serviceBusDefaultsToTheTestServerAndDeclaresEntitiesThroughItsControlApi() {
    Settings s = Settings.parse(List.of("--broker", "servicebus"), Map.of());

    assertThat(s.servicebusConnectionString()).isEqualTo(Settings.TEST_SERVER_CONNECTION_STRING);
    assertThat(s.servicebusControlApi()).hasToString("http://127.0.0.1:5674/");
  }

  @Test
  void aRealServiceBusNamespaceIsProvisionedByTheTransportItself() {
    Settings s = Settings.parse(List.of("--broker", "servicebus"), Map.of("WHIZBANG_SERVICEBUS_CONNECTION_STRING",
        "Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=manage;SharedAccessKey=c2VjcmV0"));

    assertThat(s.servicebusConnectionString()).startsWith("Endpoint=sb://shop.servicebus.windows.net/");
    assertThat(s.servicebusControlApi()).isNull();
  }

  @Test
  void refusesABadServiceBusConnectionStringWithoutRepeatingIt() {
    assertThatThrownBy(() -> Settings.parse(List.of("--servicebus-connection-string",
        "HostName=shop;SharedAccessKey=s3cret"), Map.of()))
        .isInstanceOf(Settings.SettingsException.class)
        .hasMessageStartingWith("--servicebus-connection-string: connectionString has no 'Endpoint=sb://<namespace>'")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> Settings.parse(List.of("--servicebus-control-api", "localhost:5674"), Map.of()))
        .hasMessage("--servicebus-control-api must be an http:// URL such as http://127.0.0.1:5674 or 'none', was"
            + " 'localhost:5674'");
  }

  @Test
  void refusesAnUnknownServiceOptionOrValue() {
    assertThatThrownBy(() -> Settings.parse(List.of("--service", "billing", "--broker", "kafka"), Map.of()))
        .hasMessageStartingWith("--service must be one of");
    assertThatThrownBy(() -> Settings.parse(List.of("--colour", "red"), Map.of()))
        .hasMessage("Unknown option --colour");
    assertThatThrownBy(() -> Settings.parse(List.of("--orders"), Map.of()))
        .hasMessage("Option --orders needs a value");
    assertThatThrownBy(() -> Settings.parse(List.of("orders"), Map.of()))
        .hasMessage("Unexpected argument 'orders'");
  }

  @Test
  void refusesBadNumbersAndUrls() {
    assertThatThrownBy(() -> Settings.parse(List.of("--orders", "many"), Map.of()))
        .hasMessage("--orders must be a number, was 'many'");
    assertThatThrownBy(() -> Settings.parse(List.of("--orders", "0"), Map.of()))
        .hasMessage("--orders must be between 1 and 1000000, was 0");
    assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("WHIZBANG_DB", "mysql://localhost/shop")))
        .hasMessage("--db must be a jdbc:postgresql: or jdbc:h2: URL, was 'mysql://localhost/shop'");
    assertThatThrownBy(() -> Settings.parse(List.of("--namespace", "Shop-1"), Map.of()))
        .hasMessageStartingWith("--namespace must be lower-case letters and digits");
  }
}
