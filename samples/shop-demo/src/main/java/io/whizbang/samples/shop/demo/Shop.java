package io.whizbang.samples.shop.demo;

import io.whizbang.runtime.feed.EventFeed;
import io.whizbang.runtime.feed.EventFeedServer;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.projection.ProjectionEngine;
import io.whizbang.runtime.projection.RunningProjection;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.samples.shop.analytics.AnalyticsTables;
import io.whizbang.samples.shop.analytics.OrderAnalytics;
import io.whizbang.samples.shop.analytics.OrderAnalytics_Dispatcher;
import io.whizbang.samples.shop.inventory.InventoryHandlers;
import io.whizbang.samples.shop.inventory.InventoryTables;
import io.whizbang.samples.shop.inventory.WhizbangModule_Inventory;
import io.whizbang.samples.shop.orders.OrderHandlers;
import io.whizbang.samples.shop.orders.ReviewRequests;
import io.whizbang.samples.shop.orders.WhizbangModule_Orders;
import io.whizbang.samples.shop.shipping.ShippingHandlers;
import io.whizbang.samples.shop.shipping.ShippingTables;
import io.whizbang.samples.shop.shipping.WhizbangModule_Shipping;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Starts the shop's services, each with its own tables, on a shared transport; plain {@code new}, no container. */
final class Shop {

  static final List<String> SKUS = List.of("kettle", "teapot", "mug", "saucer", "spoon", "tin", "cosy", "strainer");

  private final Infrastructure infra;
  private final Transport transport;

  Shop(Infrastructure infra, Transport transport) {
    this.infra = infra;
    this.transport = transport;
  }

  /**
   * The orders service, its event feed (the history analytics backfills from), and the review requests it schedules
   * two seconds after each order.
   */
  record Orders(ServiceNode node, EventFeedServer feed, ReviewRequests reviews) implements AutoCloseable {
    @Override
    public void close() {
      feed.close();
      node.close();
    }
  }

  Orders orders(int feedPort) throws SQLException {
    SqlStorage storage = infra.storage("orders");
    ReviewRequests reviews = new ReviewRequests(infra.tablePrefix("orders"), Duration.ofSeconds(2));
    reviews.create(storage.dataSource());
    ServiceNode node = new ServiceNode("orders", storage, transport, List.of(new WhizbangModule_Orders()),
        WhizbangModule_Orders.handlers(new OrderHandlers(storage, Clock.systemUTC(), reviews)), true, 2,
        infra.telemetry());
    EventFeed feed = EventFeed.builder(storage).modules(List.of(new WhizbangModule_Orders())).build();
    return new Orders(node, EventFeedServer.start(feedPort, feed, FeedServerOptions.defaults()), reviews);
  }

  ServiceNode inventory() throws SQLException {
    SqlStorage storage = infra.storage("inventory");
    InventoryTables tables = new InventoryTables(infra.tablePrefix("inventory"));
    tables.create(storage.dataSource(), SKUS);
    return new ServiceNode("inventory", storage, transport,
        List.of(new WhizbangModule_Orders(), new WhizbangModule_Inventory()),
        WhizbangModule_Inventory.handlers(new InventoryHandlers(tables)), false, 4, infra.telemetry());
  }

  ServiceNode shipping() throws SQLException {
    SqlStorage storage = infra.storage("shipping");
    ShippingTables tables = new ShippingTables(infra.tablePrefix("shipping"));
    tables.create(storage.dataSource());
    return new ServiceNode("shipping", storage, transport,
        List.of(new WhizbangModule_Orders(), new WhizbangModule_Shipping()),
        WhizbangModule_Shipping.handlers(new ShippingHandlers(tables, Clock.systemUTC())), true, 4, infra.telemetry());
  }

  /** The analytics projection: subscribes live, backfills from the orders feed at {@code ordersUrl}, goes live. */
  RunningProjection analytics(String ordersUrl) throws SQLException {
    SqlStorage storage = infra.storage("analytics");
    AnalyticsTables tables = new AnalyticsTables(infra.tablePrefix("analytics"));
    tables.create(storage.dataSource());
    ProjectionEngine.Builder builder = ProjectionEngine.builder(storage, transport)
        .registerDomain("orders", ordersUrl)          // the seed's RegisterDomain("Orders", url)
        .backfillFrom(ProjectionEngine.BackfillFrom.BEGINNING)          // the seed's ProjectionEngine.BackfillFrom = MinValue
        .pageSize(500)
        .concurrency(1)
        .meterRegistry(infra.telemetry().meters());
    if (infra.telemetry().traces() != null) {
      builder.openTelemetry(infra.telemetry().traces());
    }
    return builder.build().start(new OrderAnalytics_Dispatcher(new OrderAnalytics(tables)));
  }
}
