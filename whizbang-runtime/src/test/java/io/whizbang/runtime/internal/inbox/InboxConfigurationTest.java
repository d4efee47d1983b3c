package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.sql.TestDb;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxConfigurationTest {

  @Test
  void startUpRefusesARetentionShorterThanTheRetryHorizon() {
    try (InboxFixture f = new InboxFixture(TestDb.H2)) {
      InboxConfig.RetryPolicy slow = InboxConfig.RetryPolicy.builder().maxAttempts(4).initialDelay(Duration.ofMinutes(10))
          .maxDelay(Duration.ofHours(1)).multiplier(2).jitter(0).build(); // 10 + 20 + 40 minutes
      assertThatThrownBy(() -> f.consumer(b -> b.retryPolicy(slow).cleanupRetention(Duration.ofMinutes(69))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cleanupRetention (PT1H9M) is shorter than the retry horizon of the default retry policy"
              + " (PT1H10M): a message still being retried could lose its inbox row and be applied twice. Raise"
              + " cleanupRetention to at least PT1H10M or shorten the policy (maxAttempts, maxDelay)");
      f.consumer(b -> b.retryPolicy(slow).cleanupRetention(Duration.ofMinutes(70)));
      assertThatThrownBy(() -> f.consumer(b -> b.cleanupRetention(Duration.ofSeconds(1))
          .retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(1).build())
          .retryPolicyForWireName(Steps.WIRE_NAME, slow)))
          .hasMessageContaining("the retry horizon of the retry policy of test.Step (PT1H10M)");
    }
  }

  @Test
  void badSettingsAreRejectedWithTheAllowedRange() {
    try (InboxFixture f = new InboxFixture(TestDb.H2)) {
      assertThatThrownBy(() -> f.consumer(b -> b.maxBatch(0)))
          .hasMessage("maxBatch must be between 1 and 1000, was 0");
      assertThatThrownBy(() -> f.consumer(b -> b.maxMessageBytes(10)))
          .hasMessage("maxMessageBytes must be between 1024 and 268435456, was 10");
      assertThatThrownBy(() -> f.consumer(b -> b.cleanupRetention(Duration.ZERO)))
          .hasMessage("cleanupRetention must be positive, was PT0S");
      assertThatThrownBy(() -> f.consumer(b -> b.cleanup(Duration.ofSeconds(1), 0)))
          .hasMessage("cleanup batch must be between 1 and 100000, was 0");
      assertThatThrownBy(() -> f.consumer(" ", b -> b))
          .hasMessage("consumerId (the subscriber id) must have 1 to 200 characters, was ' '");
      assertThatThrownBy(() -> f.consumer(b -> b.retryPolicyForWireName("test.Nope", InboxConfig.RetryPolicy.DEFAULT)))
          .hasMessage("retryPolicyForWireName(\"test.Nope\"): no dispatcher of 'svc' handles that wire name;"
              + " known: [test.Step]");
      assertThatThrownBy(() -> f.consumer(b -> b.retryPolicyForHandler("Nope", InboxConfig.RetryPolicy.DEFAULT)))
          .hasMessage("retryPolicyForHandler(\"Nope\"): 'svc' has no dispatcher with that handler name;"
              + " known: [StepHandlers]");
      assertThatThrownBy(() -> InboxConsumer.builder(f.storage.storage(), "svc").dispatchers(List.of()).build())
          .hasMessageContaining("has no dispatchers");
    }
  }

  @Test
  void retryPolicyValuesAreChecked() {
    assertThatThrownBy(() -> InboxConfig.RetryPolicy.builder().maxAttempts(0).build())
        .hasMessage("maxAttempts must be between 1 and 1000, was 0");
    assertThatThrownBy(() -> InboxConfig.RetryPolicy.builder().initialDelay(Duration.ZERO).build())
        .hasMessage("initialDelay must be positive, was PT0S");
    assertThatThrownBy(() -> InboxConfig.RetryPolicy.builder().initialDelay(Duration.ofSeconds(2))
        .maxDelay(Duration.ofSeconds(1)).build())
        .hasMessage("maxDelay (PT1S) must not be shorter than initialDelay (PT2S)");
    assertThatThrownBy(() -> InboxConfig.RetryPolicy.builder().multiplier(0.5).build())
        .hasMessage("multiplier must be between 1.0 and 100.0, was 0.5");
    assertThatThrownBy(() -> InboxConfig.RetryPolicy.builder().jitter(1.5).build())
        .hasMessage("jitter must be a fraction between 0.0 and 1.0, was 1.5");
  }
}
