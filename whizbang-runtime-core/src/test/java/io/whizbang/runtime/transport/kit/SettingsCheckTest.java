package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

  @Test
  void passingChecksThrowNothing() {
    SettingsCheck check = new SettingsCheck().range("port", 5672, 1, 65535).atLeast("batch", 1, 1)
        .positive("timeout", Duration.ofMillis(1)).notNegative("delay", Duration.ZERO).present("name", "x")
        .require(true, "never");
    assertThat(check.problems()).isEmpty();
    check.throwIfAny(IllegalStateException::new);
  }

  @Test
  void oneProblemIsTheWholeMessage() {
    assertThatThrownBy(() -> new SettingsCheck().positive("timeout", Duration.ZERO)
        .throwIfAny(IllegalArgumentException::new))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT0S");
  }

  @Test
  void everyProblemIsListedInTheOrderChecked() {
    SettingsCheck check = new SettingsCheck().range("port", 0, 1, 65535).positive("timeout", null)
        .notNegative("delay", Duration.ofSeconds(-1)).present("name", null).atLeast("batch", 0, 1)
        .require(false, "maxBackoff must not be shorter than initialBackoff");
    assertThat(check.problems()).containsExactly("port must be between 1 and 65535, was 0",
        "timeout must be positive, was null", "delay must not be negative, was PT-1S", "name must be set",
        "batch must be at least 1, was 0", "maxBackoff must not be shorter than initialBackoff");
    assertThatThrownBy(() -> check.throwIfAny(IllegalStateException::new))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("6 settings are invalid: port must be between 1 and 65535, was 0; timeout must be")
        .hasMessageEndingWith("; maxBackoff must not be shorter than initialBackoff");
  }
}
