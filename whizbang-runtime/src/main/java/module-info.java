/**
 * The Whizbang runtime: what a service runs on. Exported to everyone: the user API. It reads and passes on
 * {@code io.whizbang.runtime.core}: codecs, the envelope, the transport SPI and broker kit, and the helpers generated
 * code calls. Everything else (the consumer pipeline, the inbox-guarded
 * consumer, outbox, routing, threads, SQL dialects and migrations, the projections' feed reader, shared helpers) is
 * the runtime's own: not exported, and free to change.
 * The public API and its count: docs/runtime.md, "Public API" ({@code scripts/dev/public-api.sh} recounts it from
 * this file).
 */
module io.whizbang.runtime {
  requires transitive io.whizbang.annotations;
  // In the API: a service is given a Transport, handlers read an Envelope, generated modules name codecs.
  requires transitive io.whizbang.runtime.core;
  // In the API: HandlerContext hands out a Jdbi Handle and JDBC; EventFeedHandler is a Jetty Handler.
  requires transitive java.sql;
  requires transitive org.jdbi.v3.core;
  requires transitive org.eclipse.jetty.server;
  requires java.net.http;
  requires org.slf4j;
  // Optional at run time, like the Maven dependency: only the PostgreSQL dialect's LISTEN uses it.
  requires static org.postgresql.jdbc;
  // Optional at run time, like their Maven dependencies: used only by a service given a MeterRegistry or an
  // OpenTelemetry (docs/observability.md).
  requires static micrometer.core;
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;

  exports io.whizbang.runtime;
  exports io.whizbang.runtime.aggregate;
  exports io.whizbang.runtime.config;
  exports io.whizbang.runtime.dispatch;
  exports io.whizbang.runtime.feed;
  exports io.whizbang.runtime.inbox;
  exports io.whizbang.runtime.module;
  exports io.whizbang.runtime.projection;
  exports io.whizbang.runtime.relay;
  exports io.whizbang.runtime.storage;
  exports io.whizbang.runtime.store;
  exports io.whizbang.runtime.transport.memory;

  // modulesFromClasspath()/modulesFrom(loader): the generated modules a service's module-info provides.
  uses io.whizbang.runtime.module.WhizbangModule;
  // whizbang.broker=<name>: the broker modules' readers of their own settings (docs/configuration.md).
  uses io.whizbang.runtime.config.TransportProvider;
}
