package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceBusConfigTest {

  private static final String CONNECTION =
      "Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0";
  private static final TokenCredential NO_TOKEN = request -> reactor.core.publisher.Mono.empty();

  @Test
  void defaultsNeedOnlyAConnectionString() {
    ServiceBusConfig config = ServiceBusConfig.builder().connectionString(CONNECTION).build();

    assertThat(config.fullyQualifiedNamespace()).isEqualTo("shop.servicebus.windows.net");
    assertThat(config.namePrefix()).isEqualTo("whizbang");
    assertThat(config.provisioning()).isTrue();
    assertThat(config.duplicateDetectionWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.lockDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.maxDeliveryCount()).isEqualTo(100);
    assertThat(config.toString()).doesNotContain("c2VjcmV0").contains("shop.servicebus.windows.net");
  }

  @Test
  void theEmulatorConnectionStringGivesTheHostWithoutThePort() {
    ServiceBusConfig config = ServiceBusConfig.builder().connectionString(
        "Endpoint=sb://localhost:5673;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true").build();

    assertThat(config.fullyQualifiedNamespace()).isEqualTo("localhost");
  }

  @Test
  void aTokenCredentialNeedsAFullyQualifiedNamespace() {
    ServiceBusConfig config = ServiceBusConfig.builder().credential("shop.servicebus.windows.net", NO_TOKEN).build();
    assertThat(config.toString()).contains("token credential");

    assertThatThrownBy(() -> ServiceBusConfig.builder().credential("sb://shop.servicebus.windows.net/", NO_TOKEN))
        .isInstanceOf(ServiceBusConfigException.class)
        .hasMessageContaining("fullyQualifiedNamespace must be a host name such as 'shop.servicebus.windows.net'");
  }

  @Test
  void withoutAConnectionStringOrACredentialBuildSaysHowToReachServiceBus() {
    assertThatThrownBy(() -> ServiceBusConfig.builder().build())
        .isInstanceOf(ServiceBusConfigException.class)
        .hasMessageContaining("set connectionString(...) or credential(fullyQualifiedNamespace, tokenCredential)");
  }

  @Test
  void aConnectionStringWithoutEndpointOrKeyIsRefusedWithWhatItLooksLike() {
    assertThatThrownBy(() -> ServiceBusConfig.builder().connectionString("SharedAccessKeyName=k;SharedAccessKey=v"))
        .hasMessageContaining("no 'Endpoint=sb://<namespace>' part");
    assertThatThrownBy(() -> ServiceBusConfig.builder().connectionString("Endpoint=sb://shop.servicebus.windows.net/"))
        .hasMessageContaining("no SharedAccessKeyName/SharedAccessKey");
    assertThatThrownBy(() -> ServiceBusConfig.builder().connectionString(" "))
        .hasMessageContaining("connectionString must not be blank");
  }

  @Test
  void valuesOutsideServiceBusLimitsAreNamed() {
    ServiceBusConfig.Builder b = ServiceBusConfig.builder();
    assertThatThrownBy(() -> b.duplicateDetectionWindow(Duration.ofSeconds(10)))
        .hasMessageContaining("duplicateDetectionWindow must be from 20 s to 7 days");
    assertThatThrownBy(() -> b.duplicateDetectionWindow(Duration.ofDays(8)))
        .hasMessageContaining("duplicateDetectionWindow");
    assertThatThrownBy(() -> b.lockDuration(Duration.ofMinutes(6))).hasMessageContaining("lockDuration must be");
    assertThatThrownBy(() -> b.maxDeliveryCount(0)).hasMessageContaining("maxDeliveryCount must be at least 1");
    assertThatThrownBy(() -> b.maxBatch(0)).hasMessageContaining("maxBatch must be 1 to 1000");
    assertThatThrownBy(() -> b.sessionIdleTimeout(Duration.ofMillis(1))).hasMessageContaining("sessionIdleTimeout");
    assertThatThrownBy(() -> b.sessionsPerLane(0)).hasMessage("sessionsPerLane must be 1 to 100, was 0");
    assertThatThrownBy(() -> b.maxLockRenewal(Duration.ofSeconds(5))).hasMessageContaining("maxLockRenewal");
    assertThatThrownBy(() -> b.operationTimeout(Duration.ZERO)).hasMessageContaining("operationTimeout");
    assertThatThrownBy(() -> b.sendRetries(11)).hasMessageContaining("sendRetries must be 0 to 10");
    assertThatThrownBy(() -> b.closeTimeout(Duration.ofSeconds(-1))).hasMessageContaining("closeTimeout");
    assertThatThrownBy(() -> b.namePrefix("a b")).hasMessageContaining("namePrefix");
  }

  @Test
  void duplicateDetectionCanBeLeftOffForCreatedEntities() {
    ServiceBusConfig config = ServiceBusConfig.builder().connectionString(CONNECTION).withoutDuplicateDetection()
        .build();

    assertThat(config.duplicateDetectionWindow()).isNull();
    assertThat(config.toString()).contains("duplicateDetection=off");
  }
}
