package io.whizbang.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.config.WhizbangSettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class BadPropertiesTest {

  @Test
  void startUpFailsWithEveryBadPropertyListed() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WhizbangAutoConfiguration.class))
        .withPropertyValues(
            "whizbang.broker=rabbit",
            "whizbang.outbox.publish-interval=soon",
            "whizbang.inbox.cleanup-retension=2d",
            "whizbang.datasource.url=jdbc:postgresql://db/orders")
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable cause = NestedExceptionUtils.getRootCause(context.getStartupFailure());
          assertThat(cause).isInstanceOf(WhizbangSettingsException.class)
              .hasMessageContaining("4 bad Whizbang settings:")
              .hasMessageContaining("whizbang.datasource.url=jdbc:postgresql://db/orders: not used with Spring Boot:"
                  + " the application's DataSource is; set spring.datasource.url")
              .hasMessageContaining("whizbang.broker=rabbit: one of kafka, memory, rabbitmq, servicebus, sqs")
              .hasMessageContaining("whizbang.outbox.publish-interval=soon: a positive duration")
              .hasMessageContaining("whizbang.inbox.cleanup-retension=2d: unknown key; did you mean"
                  + " whizbang.inbox.cleanup-retention?");

          // What Spring Boot prints instead of a stack trace.
          FailureAnalysis report = new BadSettingsFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(report.getDescription()).startsWith("The Whizbang properties have 4 problem(s):")
              .contains("  whizbang.outbox.publish-interval = soon\n    a positive duration");
          assertThat(report.getAction()).contains("docs/configuration.md");
        });
  }

  @Test
  void environmentVariablesAreReadAndCheckedLikeProperties() {
    Map<String, Object> variables = Map.of(
        "WHIZBANG_OUTBOX_PUBLISH_INTERVAL", "soon",
        "WHIZBANG_INBOX_CLEANUP_RETENSION", "2d",
        "WHIZBANG_ORDERS", "3000"); // not a section of the settings: another program's variable
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WhizbangAutoConfiguration.class))
        .withInitializer(context -> context.getEnvironment().getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource("test-environment", variables)))
        .run(context -> assertThat(NestedExceptionUtils.getRootCause(context.getStartupFailure()))
            .hasMessageContaining("2 bad Whizbang settings:")
            .hasMessageContaining("whizbang.outbox.publish-interval=soon: a positive duration")
            .hasMessageContaining("whizbang.inbox.cleanup-retension=2d: unknown key; did you mean"
                + " whizbang.inbox.cleanup-retention?"));
  }
}
