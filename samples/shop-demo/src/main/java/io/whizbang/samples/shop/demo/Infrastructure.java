package io.whizbang.samples.shop.demo;

import io.whizbang.runtime.config.WhizbangSettings;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.servicebus.ServiceBusConfig;
import io.whizbang.servicebus.ServiceBusTransport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The database and broker chosen by the settings. Every name is put under the settings' namespace (broker names
 * prefixed, PostgreSQL tables in a schema of that name), so runs never see each other's messages or rows.
 */
final class Infrastructure {

  private final Settings settings;
  private final WhizbangSettings whizbang;
  private final DataSource dataSource;
  private final TestServerEntities testServerEntities;
  private final DemoTelemetry telemetry;

  Infrastructure(Settings settings) {
    this.settings = settings;
    this.whizbang = WhizbangKeys.settings(settings);
    // A connection per call, no pool: keeps the sample free of a pool dependency; a production service passes its
    // pool to SqlStorage instead.
    this.dataSource = whizbang.dataSource().orElseThrow();
    this.telemetry = new DemoTelemetry(settings.tracesToConsole());
    this.testServerEntities = settings.broker().equals("servicebus") && settings.servicebusControlApi() != null
        ? new TestServerEntities(settings.servicebusControlApi()) : null;
  }

  /** The meters (and spans, with --traces console) of every service in this process. */
  DemoTelemetry telemetry() {
    return telemetry;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Where a service's tables live: {@code <schema>.<service>_} on PostgreSQL, {@code <service>_} on H2. */
  String tablePrefix(String service) {
    return (settings.postgres() ? settings.namespace() + "." : "") + service + "_";
  }

  /** The service's storage (outbox, event store, inbox, dead letters), migrated. */
  SqlStorage storage(String service) {
    SqlStorage.Builder b = SqlStorage.builder(dataSource).tablePrefix(service + "_").outboxPartitions(8);
    if (settings.postgres()) {
      b.schema(settings.namespace());
    }
    SqlStorage storage = b.build();
    storage.migrate();
    return storage;
  }

  Transport transport() {
    // Service Bus takes settings that have no key (the test server's provisioner, session timing); the other
    // brokers come from the whizbang.* keys (WhizbangKeys).
    return settings.broker().equals("servicebus") ? ServiceBusTransport.connect(serviceBus(settings.namespace()))
        : whizbang.connectTransport();
  }

  private ServiceBusConfig serviceBus(String ns) {
    ServiceBusConfig.Builder b = ServiceBusConfig.builder()
        .connectionString(settings.servicebusConnectionString())
        .namePrefix(ns)
        // Every order is its own partition key, so its own session: a lane lets an idle session go quickly to
        // take the next order's.
        .sessionIdleTimeout(Duration.ofMillis(20))
        // The demo injects duplicate deliveries to show the inboxes dropping them; with duplicate detection on,
        // Service Bus would drop those copies before any service saw them.
        .withoutDuplicateDetection();
    if (testServerEntities != null) {
      b.provisioner(testServerEntities); // the test server has no administration API: declared through its own
    }
    return b.build();
  }

  /**
   * Drops the demo's PostgreSQL schema (the in-memory H2 database goes with the JVM) and deletes its entities on the
   * Service Bus test server (on a real namespace they stay, as the broker names of the other brokers do).
   */
  void dropDemoSchema() {
    if (testServerEntities != null) {
      testServerEntities.deleteDeclared();
    }
    if (!settings.postgres()) {
      return;
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + settings.namespace() + " cascade");
    } catch (SQLException e) {
      System.err.println("Could not drop schema " + settings.namespace() + ": " + e.getMessage());
    }
  }
}
