package io.whizbang.samples.shop.demo;

import io.whizbang.runtime.config.WhizbangSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's broker and database choices written as the {@code whizbang.*} keys any service reads
 * (docs/configuration.md), and read the same way: the transport and the data source come from the settings.
 */
final class WhizbangKeys {

  private WhizbangKeys() {}

  static Map<String, String> of(Settings settings) {
    String ns = settings.namespace();
    Map<String, String> keys = new HashMap<>();
    keys.put("whizbang.broker", settings.broker());
    switch (settings.broker()) {
      case "kafka" -> {
        keys.put("whizbang.kafka.bootstrap-servers", settings.kafkaBootstrap());
        keys.put("whizbang.kafka.client-id", "whizbang-shop");
        keys.put("whizbang.kafka.name-prefix", ns + ".whizbang."); // <ns>.whizbang.orders.events
        keys.put("whizbang.kafka.partitions", "4");
      }
      case "rabbitmq" -> {
        keys.put("whizbang.rabbitmq.host", settings.rabbitmqHost());
        keys.put("whizbang.rabbitmq.name-prefix", ns + ".");
      }
      case "servicebus" -> {
        keys.put("whizbang.servicebus.connection-string", settings.servicebusConnectionString());
        keys.put("whizbang.servicebus.name-prefix", ns);
      }
      default -> { }
    }
    if (settings.postgres()) {
      keys.put("whizbang.datasource.url", settings.db());
      if (!settings.db().contains("user=")) {
        keys.put("whizbang.datasource.user", System.getenv().getOrDefault("PGUSER", "postgres"));
      }
    } else {
      keys.put("whizbang.datasource.url", settings.db() != null ? settings.db()
          : "jdbc:h2:mem:" + ns + (settings.service() != null ? "-" + settings.service() : "")
              + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
      keys.put("whizbang.datasource.user", "sa");
    }
    return keys;
  }

  static WhizbangSettings settings(Settings settings) {
    return WhizbangSettings.from(of(settings));
  }
}
