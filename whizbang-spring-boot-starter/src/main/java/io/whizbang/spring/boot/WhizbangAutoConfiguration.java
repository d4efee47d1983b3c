package io.whizbang.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.WhizbangBuilder;
import io.whizbang.runtime.config.WhizbangSettings;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.feed.EventFeed;
import io.whizbang.runtime.feed.EventFeedServer;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.projection.ProjectionEngine;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A Whizbang service from the {@code whizbang.*} properties (docs/configuration.md), on the application's
 * {@code DataSource} and inside its transactions (docs/spring-boot.md). Its handlers are the application's
 * {@link HandlerSet} beans, made with the generated modules' typed factories; its projections its
 * {@link ProjectionDispatcher} beans; it starts and stops with the context.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
public class WhizbangAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  WhizbangSettings whizbangSettings(ConfigurableEnvironment environment) {
    return SpringSettings.read(environment);
  }

  /** The broker {@code whizbang.broker} names; closed with the context, after the service. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Transport whizbangTransport(WhizbangSettings settings) {
    return settings.connectTransport();
  }

  /** The service's tables on the application's data source, joining Spring's transactions. */
  @Bean
  @ConditionalOnMissingBean
  SqlStorage whizbangStorage(DataSource dataSource, WhizbangSettings settings) {
    return settings.storage(new TransactionJoiningDataSource(dataSource));
  }

  @Bean
  @ConditionalOnMissingBean
  Whizbang whizbang(WhizbangSettings settings, Transport transport, SqlStorage storage, DataSource dataSource,
      ObjectProvider<WhizbangModule> modules, ObjectProvider<HandlerSet> handlers,
      ObjectProvider<WhizbangBuilderCustomizer> customizers) {
    WhizbangBuilder builder = settings.configure(Whizbang.builder())
        .modulesFromClasspath()
        .transport(transport)
        .storage(storage, settings.storageOptions());
    modules.orderedStream().forEach(builder::module);
    handlers.orderedStream().forEach(h -> builder.handlers(InboxTransactionDispatcher.bind(h, dataSource)));
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean
  WhizbangLifecycle whizbangLifecycle(Whizbang whizbang, WhizbangSettings settings, SqlStorage storage,
      Transport transport, ObjectProvider<ProjectionDispatcher> projections,
      ObjectProvider<ProjectionEngineCustomizer> customizers) {
    return new WhizbangLifecycle(whizbang, projections.orderedStream().toList(), () -> {
      ProjectionEngine.Builder engine = settings.configure(ProjectionEngine.builder(storage, transport));
      customizers.orderedStream().forEach(c -> c.customize(engine));
      return engine.build();
    }, settings.feedPort().isPresent() ? () -> feedServer(settings, storage, whizbang) : null);
  }

  /** The service's events (those of the domains it owns) and its health, on {@code whizbang.feed.port}. */
  private static EventFeedServer feedServer(WhizbangSettings settings, SqlStorage storage, Whizbang whizbang) {
    List<String> events = new ArrayList<>();
    ServiceLoader.load(WhizbangModule.class, Thread.currentThread().getContextClassLoader()).forEach(m -> {
      for (MessageType<?> type : m.messageTypes()) {
        if (type.kind() == MessageType.Kind.EVENT && whizbang.ownedDomains().contains(type.domain())) {
          events.add(type.wireName());
        }
      }
    });
    FeedServerOptions options = FeedServerOptions.defaults();
    if (settings.feedBearerToken().isPresent()) {
      options = options.bearerToken(settings.feedBearerToken().get());
    }
    EventFeed feed = EventFeed.builder(storage).wireNames(events).build();
    return EventFeedServer.start(settings.feedPort().getAsInt(), feed, options, whizbang::health);
  }

  /** With Micrometer (Actuator): the service's and its projections' meters in the application's registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Meters {
    @Bean
    WhizbangBuilderCustomizer whizbangMeters(ObjectProvider<MeterRegistry> registry) {
      return builder -> registry.ifAvailable(builder::meterRegistry);
    }

    @Bean
    ProjectionEngineCustomizer whizbangProjectionMeters(ObjectProvider<MeterRegistry> registry) {
      return engine -> registry.ifAvailable(engine::meterRegistry);
    }
  }

  /** With Actuator's health support: the service's health as the {@code whizbang} health component. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class HealthContributor {
    @Bean
    @ConditionalOnMissingBean(name = "whizbangHealthIndicator")
    WhizbangHealthIndicator whizbangHealthIndicator(Whizbang whizbang) {
      return new WhizbangHealthIndicator(whizbang);
    }
  }
}
