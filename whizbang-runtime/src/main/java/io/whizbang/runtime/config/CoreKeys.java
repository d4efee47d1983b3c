package io.whizbang.runtime.config;

import java.util.List;

/** The keys of the runtime itself; each broker module adds its own ({@link TransportProvider#keys()}). */
final class CoreKeys {

  static final String SERVICE = "whizbang.service";
  static final String OWNS = "whizbang.owns";
  static final String CONSUMER_CONCURRENCY = "whizbang.consumer-concurrency";
  static final String BROKER = "whizbang.broker";
  static final String WIRE_FORMAT = "whizbang.wire-format";
  static final String PUBLISH_INTERVAL = "whizbang.outbox.publish-interval";
  static final String RELAY = "whizbang.outbox.relay";
  static final String CLEANUP_RETENTION = "whizbang.inbox.cleanup-retention";
  static final String CLEANUP_INTERVAL = "whizbang.inbox.cleanup-interval";
  static final String DATASOURCE_URL = "whizbang.datasource.url";
  static final String DATASOURCE_USER = "whizbang.datasource.user";
  static final String DATASOURCE_PASSWORD = "whizbang.datasource.password";
  static final String SCHEMA = "whizbang.storage.schema";
  static final String TABLE_PREFIX = "whizbang.storage.table-prefix";
  static final String DOMAINS = "whizbang.domains.";
  static final String DOMAIN_URL = "whizbang.domains.<name>.url";
  static final String BACKFILL_FROM = "whizbang.projection.backfill-from";
  static final String FEED_PORT = "whizbang.feed.port";
  static final String FEED_TOKEN = "whizbang.feed.bearer-token";

  /** The brokers {@code whizbang.broker} names, and the artifact each needs besides the runtime. */
  static final List<String> BROKERS = List.of("memory", "kafka", "rabbitmq", "sqs", "servicebus");

  static final List<WhizbangSettings.Key> ALL = List.of(
      new WhizbangSettings.Key(SERVICE, "name", "the name of the one service module",
          "The service's name: its subscriber id on the broker (its consumer group), shared by its instances."),
      new WhizbangSettings.Key(OWNS, "list of names", "",
          "Domains the service owns besides those of its own module, comma-separated."),
      new WhizbangSettings.Key(CONSUMER_CONCURRENCY, "integer (1-1024)", "4",
          "Handler lanes per subscription; messages of one partition key always share a lane."),
      new WhizbangSettings.Key(BROKER, "memory|kafka|rabbitmq|sqs|servicebus", "memory",
          "The transport; each but memory needs its module (io.whizbang:whizbang-<broker>) on the class path."),
      new WhizbangSettings.Key(WIRE_FORMAT, "whizbang|cloudevents", "whizbang",
          "What a broker transport publishes: the Whizbang envelope, or CloudEvents 1.0 in the broker's binary"
              + " binding (docs/wire-format.md). Both are always read."),
      new WhizbangSettings.Key(PUBLISH_INTERVAL, "duration", "500ms",
          "How often the relay looks for outbox rows when no commit notification woke it."),
      new WhizbangSettings.Key(RELAY, "boolean", "true",
          "Whether this instance runs a relay publishing the outbox (false: another process does)."),
      new WhizbangSettings.Key(CLEANUP_RETENTION, "duration", "7d",
          "How long each inbox keeps the ids of applied messages, against redelivered copies."),
      new WhizbangSettings.Key(CLEANUP_INTERVAL, "duration", "1m",
          "How often the inbox cleaners delete rows older than the retention."),
      new WhizbangSettings.Key(DATASOURCE_URL, "JDBC URL", "",
          "The database of the outbox, inbox and event store; none: no storage (plain runtime only)."),
      new WhizbangSettings.Key(DATASOURCE_USER, "string", "", "The database user (plain runtime only)."),
      new WhizbangSettings.Key(DATASOURCE_PASSWORD, "string", "", "The database password (plain runtime only)."),
      new WhizbangSettings.Key(SCHEMA, "name", "the connection's schema", "The schema of the service's tables."),
      new WhizbangSettings.Key(TABLE_PREFIX, "lower-case letters, digits, _", "whizbang_",
          "Prepended to every table name, so that several services can share a schema."),
      new WhizbangSettings.Key(DOMAIN_URL, "http(s) URL", "",
          "The base URL of the service serving the domain's event feed (at <url>/events), where projections"
              + " backfill from."),
      new WhizbangSettings.Key(BACKFILL_FROM, "beginning or ISO-8601 instant", "beginning",
          "Where a new projection starts reading the feeds: every event, or those from an instant on."),
      new WhizbangSettings.Key(FEED_PORT, "integer (0-65535)", "",
          "Serves the service's event feed (and /health) over HTTP on this port, 0: any free one; none: no feed"
              + " server (Spring Boot; the plain runtime reads it with feedPort())."),
      new WhizbangSettings.Key(FEED_TOKEN, "string", "",
          "The bearer token the feed server requires; none: the feed is open to anyone who reaches the port."));

  private CoreKeys() {}
}
