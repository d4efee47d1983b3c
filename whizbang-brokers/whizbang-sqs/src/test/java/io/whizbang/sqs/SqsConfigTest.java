package io.whizbang.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.core.WhizbangException;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every bad setting fails where it is set (or when the configuration is built), saying what is allowed. */
class SqsConfigTest {

  @Test
  void theDefaultsAreFifoSnsTopicsAndProvisioningWithTheDefaultAwsChains() {
    SqsConfig config = SqsConfig.builder().build();

    assertThat(config.fifo()).isTrue();
    assertThat(config.eventRouting()).isEqualTo(EventRouting.SNS_TOPICS);
    assertThat(config.provisioning()).isTrue();
    assertThat(config.region()).as("default region chain").isNull();
    assertThat(config.credentials()).as("default credential chain").isNull();
    assertThat(config.namePrefix()).isEqualTo("whizbang");
    assertThat(config.toString()).contains("region=default chain", "fifo", "SNS_TOPICS");
  }

  @Test
  void aRegionMustBeAnAwsRegionId() {
    assertThatThrownBy(() -> SqsConfig.builder().region("Ireland"))
        .isInstanceOf(SqsConfigException.class)
        .hasMessage("region must be an AWS region id such as 'eu-west-1', was 'Ireland'");
    assertThat(SqsConfig.builder().region("eu-west-1").build().region().id()).isEqualTo("eu-west-1");
  }

  @Test
  void anEndpointMustBeAnHttpUrl() {
    assertThatThrownBy(() -> SqsConfig.builder().endpoint("127.0.0.1:9324"))
        .isInstanceOf(SqsConfigException.class)
        .hasMessageContaining("endpoint must be an http(s) URL such as 'http://127.0.0.1:9324', was '127.0.0.1:9324'");
    assertThatThrownBy(() -> SqsConfig.builder().endpoint("ftp://sqs.local"))
        .isInstanceOf(SqsConfigException.class).hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> SqsConfig.builder().endpoint("http://a b"))
        .isInstanceOf(SqsConfigException.class).hasMessageContaining("http(s) URL");
  }

  @Test
  void staticCredentialsMustNotBeBlank() {
    assertThatThrownBy(() -> SqsConfig.builder().staticCredentials("AKIA", " "))
        .isInstanceOf(SqsConfigException.class)
        .hasMessage("staticCredentials needs a non-blank access key id and secret access key");
  }

  @Test
  void theNamePrefixMustBeUsableInQueueNames() {
    assertThatThrownBy(() -> SqsConfig.builder().namePrefix("shop.prod"))
        .isInstanceOf(SqsConfigException.class)
        .hasMessage("namePrefix must be 1 to 40 letters, digits, '-' or '_' (SQS queue name characters), was"
            + " 'shop.prod'");
    assertThatThrownBy(() -> SqsConfig.builder().namePrefix("x".repeat(41)))
        .isInstanceOf(SqsConfigException.class).hasMessageContaining("1 to 40");
  }

  @Test
  void timeoutsMustBeWholeSecondsWithinTheAwsLimits() {
    assertThatThrownBy(() -> SqsConfig.builder().visibilityTimeout(Duration.ofMillis(1500)))
        .isInstanceOf(SqsConfigException.class)
        .hasMessage("visibilityTimeout must be whole seconds from 1 to 43200 s, was PT1.5S");
    assertThatThrownBy(() -> SqsConfig.builder().visibilityTimeout(Duration.ofHours(13)))
        .isInstanceOf(SqsConfigException.class).hasMessageContaining("1 to 43200 s");
    assertThatThrownBy(() -> SqsConfig.builder().receiveWait(Duration.ofSeconds(21)))
        .isInstanceOf(SqsConfigException.class)
        .hasMessage("receiveWait must be whole seconds from 0 to 20 s, was PT21S");
  }

  @Test
  void countsMustBeWithinTheirRanges() {
    assertThatThrownBy(() -> SqsConfig.builder().maxInFlight(5))
        .isInstanceOf(SqsConfigException.class)
        .hasMessage("maxInFlight must be at least 10 (one receive call), was 5");
    assertThatThrownBy(() -> SqsConfig.builder().publishAttempts(0))
        .isInstanceOf(SqsConfigException.class).hasMessage("publishAttempts must be 1 to 10, was 0");
    assertThatThrownBy(() -> SqsConfig.builder().maxBatch(0))
        .isInstanceOf(SqsConfigException.class).hasMessage("maxBatch must be 1 to 1000, was 0");
    assertThatThrownBy(() -> SqsConfig.builder().deadLetterAfterReceives(0))
        .isInstanceOf(SqsConfigException.class)
        .hasMessage("deadLetterAfterReceives must be 1 to 1000 (SQS maxReceiveCount), was 0");
    assertThatThrownBy(() -> SqsConfig.builder().publishRetryDelay(Duration.ofMillis(-1)))
        .isInstanceOf(SqsConfigException.class).hasMessageContaining("publishRetryDelay");
  }

  @Test
  void theApiTimeoutMustLeaveRoomForALongPoll() {
    assertThatThrownBy(() -> SqsConfig.builder().receiveWait(Duration.ofSeconds(20))
        .operationTimeout(Duration.ofSeconds(10)).build())
        .isInstanceOf(SqsConfigException.class)
        .hasMessage("operationTimeout (PT10S) must exceed receiveWait (PT20S) by at least 5 s, or long-polling receives"
            + " would time out");
  }

  @Test
  void aNameLongerThanSqsAllowsIsRefusedWithTheName() {
    SqsNames names = new SqsNames("whizbang", true);

    assertThatThrownBy(() -> names.subscriberQueue("s".repeat(70)))
        .isInstanceOf(WhizbangException.class)
        .hasMessageContaining("is 95 characters; AWS allows 80");
    assertThat(names.commandQueue("shop.orders")).isEqualTo("whizbang-shop-orders-commands.fifo");
    assertThat(new SqsNames("p", false).topic("orders")).isEqualTo("p-orders-events");
    assertThat(names.deadLetterQueue("whizbang-orders-commands.fifo")).isEqualTo("whizbang-orders-commands-dlq.fifo");
  }

  @Test
  void withoutAnyRegionConnectingSaysHowToSetOne() {
    Assumptions.assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null
        && System.getProperty("aws.region") == null, "a region is set in this environment");
    Assumptions.assumeFalse(java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"),
        ".aws", "config")), "an AWS profile may name a region here");
    SqsConfig config = SqsConfig.builder().endpoint("http://127.0.0.1:9").staticCredentials("test", "test")
        .build();

    assertThatThrownBy(() -> SqsTransport.connect(config))
        .isInstanceOf(SqsConfigException.class)
        .hasMessageStartingWith("no AWS region for SQS: set SqsConfig.builder().region(\"eu-west-1\") or the"
            + " AWS_REGION environment variable");
  }

  @Test
  void connectingToAnEndpointWhereNothingListensSaysWhatWasTried() {
    SqsConfig config = SqsConfig.builder().endpoint("http://127.0.0.1:9").region("us-east-1")
        .staticCredentials("test", "test").operationTimeout(Duration.ofSeconds(5)).receiveWait(Duration.ZERO).build();

    assertThatThrownBy(() -> SqsTransport.connect(config))
        .isInstanceOf(WhizbangException.class)
        .hasMessageStartingWith("cannot reach SQS at http://127.0.0.1:9")
        .hasMessageContaining("check the region, the credentials");
  }
}
