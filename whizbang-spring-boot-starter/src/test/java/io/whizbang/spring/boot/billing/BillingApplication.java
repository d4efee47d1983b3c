package io.whizbang.spring.boot.billing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.config.WhizbangSettings;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.spring.boot.WhizbangBuilderCustomizer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** The billing service as a Spring Boot application. */
@SpringBootApplication
public class BillingApplication {

  @Bean
  BillingHandlers billingHandlers(JdbcTemplate jdbc, @Value("${whizbang.storage.schema}") String schema) {
    // A clean schema per run; left behind at the end, since the service still runs while the tests finish.
    jdbc.execute("drop schema if exists " + schema + " cascade");
    jdbc.execute("create schema " + schema);
    jdbc.execute("create table if not exists " + schema + ".charges (id uuid primary key, cents bigint)");
    jdbc.execute("create table if not exists " + schema + ".receipts (id uuid primary key)");
    return new BillingHandlers(jdbc, schema);
  }

  /** The generated module's typed factory: the handler bean bound to its generated dispatcher. */
  @Bean
  HandlerSet billingHandlerSet(BillingHandlers handlers) {
    return WhizbangModule_Billing.handlers(handlers);
  }

  @Bean
  Checkout checkout(JdbcTemplate jdbc, Whizbang whizbang, @Value("${whizbang.storage.schema}") String schema) {
    return new Checkout(jdbc, whizbang, schema);
  }

  /** Stands for the registry Actuator makes: the service's meters land in it. */
  @Bean
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  /** Two quick attempts, then the dead-letter table: the test waits for the dead letter. */
  @Bean
  WhizbangBuilderCustomizer quickRetries(SqlStorage storage, WhizbangSettings settings) {
    InboxConfig.RetryPolicy twice = InboxConfig.RetryPolicy.builder().maxAttempts(2)
        .initialDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(50)).build();
    return builder -> builder.storage(storage, options -> settings.storageOptions().apply(options)
        .inbox(inbox -> inbox.retryPolicy(twice)));
  }
}
