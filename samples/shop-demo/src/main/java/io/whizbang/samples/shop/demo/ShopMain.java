package io.whizbang.samples.shop.demo;

import io.whizbang.runtime.projection.RunningProjection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the shop demo in one JVM ({@code java -jar shop-demo.jar}), or one of its services as its own process
 * ({@code java -jar shop-demo.jar --service inventory --broker kafka --db jdbc:postgresql://127.0.0.1:5432/test}).
 * Exits 0 when every check passed, 1 when one failed, 2 on bad options.
 */
public final class ShopMain {

  private ShopMain() {}

  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(Arrays.asList(args), System.getenv());
    } catch (Settings.SettingsException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println("Error: " + e.getMessage());
      }
      System.err.print(Settings.USAGE);
      System.exit(e.getMessage().isEmpty() ? 0 : 2);
      return;
    }
    if (settings.service() == null) {
      Report report = new Scenario(settings, System.out).run();
      report.print(System.out);
      System.exit(report.passed() ? 0 : 1);
    }
    System.exit(runService(settings));
  }

  /** One service in this process, until Ctrl-C (the gateway: until its orders are shipped). */
  static int runService(Settings settings) throws Exception {
    Infrastructure infra = new Infrastructure(settings);
    var transport = infra.transport();
    Shop shop = new Shop(infra, transport);
    List<AutoCloseable> running = new ArrayList<>();
    try {
      switch (settings.service()) {
        case "orders" -> {
          Shop.Orders orders = shop.orders(settings.feedPort());
          running.add(orders);
          System.out.println("orders: handling commands; event feed at " + orders.feed().uri());
        }
        case "inventory" -> running.add(shop.inventory());
        case "shipping" -> running.add(shop.shipping());
        case "analytics" -> {
          RunningProjection p = shop.analytics(settings.ordersFeed());
          running.add(p);
          System.out.println("analytics: backfilling from " + settings.ordersFeed() + "/events, then live");
        }
        default -> {
          return runGateway(settings, transport, 4, infra.telemetry());
        }
      }
      System.out.println(settings.service() + " is running on " + transport.name() + "; Ctrl-C stops it");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
      return 0;
    } finally {
      for (int i = running.size() - 1; i >= 0; i--) {
        running.get(i).close();
      }
      transport.close();
      System.out.println(settings.service() + " metrics:");
      MetricsSummary.lines(infra.telemetry().meters()).forEach(System.out::println);
      infra.telemetry().close();
    }
  }

  private static int runGateway(Settings settings, io.whizbang.runtime.transport.Transport transport, int lanes,
      DemoTelemetry telemetry) throws InterruptedException {
    try (Gateway gateway = new Gateway(transport, lanes, telemetry)) {
      int n = settings.orders();
      long start = System.nanoTime();
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        pending.add(gateway.place(UUID.randomUUID(), i).done());
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      System.out.printf(Locale.ROOT, "gateway: sent %,d orders; waiting for OrderShipped%n", n);
      long deadline = System.nanoTime() + settings.timeoutSeconds() * 1_000_000_000L;
      while (gateway.tracker().shipped() < n && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      double[] ms = gateway.tracker().latenciesMillis();
      System.out.printf(Locale.ROOT, "gateway: %,d of %,d orders shipped in %.1f s; latency p50 %.1f ms, p99 %.1f ms%n",
          gateway.tracker().shipped(), n, (gateway.tracker().lastShippedNanos() - start) / 1e9,
          Report.percentile(ms, 50), Report.percentile(ms, 99));
      return gateway.tracker().shipped() >= n ? 0 : 1;
    }
  }
}
