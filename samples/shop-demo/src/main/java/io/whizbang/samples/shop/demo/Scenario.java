package io.whizbang.samples.shop.demo;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.projection.ProjectionProgress;
import io.whizbang.runtime.projection.RunningProjection;
import io.whizbang.samples.shop.orders.ReviewRequests;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The demo run: every service in this JVM, a few thousand orders, trouble injected (duplicate deliveries, a relay
 * restart, a poison message), analytics started late so that it backfills over HTTP, then a report with checks.
 */
final class Scenario {

  private static final String PLACED = "orders.OrderPlaced";
  private static final String CANCELLED = "orders.OrderCancelled";
  private static final int MAX_IN_FLIGHT = 200;

  private final Settings settings;
  private final PrintStream out;

  Scenario(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  Report run() throws Exception {
    Infrastructure infra = new Infrastructure(settings);
    int n = settings.orders();
    // Every 50th message twice; more often in a short run (a traced one), so that copies reach every inbox there too.
    DuplicatingTransport transport = new DuplicatingTransport(infra.transport(), Math.max(2, Math.min(50, n / 10)));
    Shop shop = new Shop(infra, transport);
    int cancels = n / 10;
    out.printf(Locale.ROOT, "Shop demo: %d orders on %s + %s (namespace %s)%n", n, transport.name(),
        settings.postgres() ? "PostgreSQL" : "H2", settings.namespace());
    RunningProjection analytics = null;
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "shop-progress");
      t.setDaemon(true);
      return t;
    });
    try (Shop.Orders orders = shop.orders(settings.feedPort());
        ServiceNode inventory = shop.inventory();
        ServiceNode shipping = shop.shipping();
        Gateway gateway = new Gateway(transport, 4, infra.telemetry())) {
      Counts counts = new Counts(infra.dataSource(), infra.tablePrefix("orders") + "events", infra);
      String ordersUrl = "http://127.0.0.1:" + orders.feed().port();
      RunningProjection[] analyticsRef = new RunningProjection[1];
      progress.scheduleAtFixedRate(() -> printProgress(n, gateway, inventory, analyticsRef[0]), 1, 1,
          TimeUnit.SECONDS);

      gateway.sendPoisonPlaceOrder();
      long start = System.nanoTime();
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // Keep a bounded number of orders in flight, as clients waiting for their answers would: the latency then
        // measures the pipeline, not the length of a queue the demo filled in one go.
        awaitRoomInFlight(gateway, i);
        UUID orderId = UUID.randomUUID();
        Gateway.Sent sent = gateway.place(orderId, i);
        pending.add(sent.done());
        if (i % 10 == 9) {
          pending.add(gateway.cancel(orderId, sent.units()));
        }
        if (i == n * 2 / 5) {
          orders.node().restartRelay();
        }
        if (i == n * 3 / 5) {
          // Analytics joins late: wait until the orders service has history to backfill, then start it.
          // Analytics joins late: once the orders service has history, it starts, backfills over HTTP (orders in
          // flight meanwhile reach it live too: the overlap), and the rest of the orders reach it live.
          await(() -> counts.events(PLACED) >= n / 2, settings.timeoutSeconds());
          analytics = shop.analytics(ordersUrl);
          analyticsRef[0] = analytics;
          analytics.awaitLive(Duration.ofSeconds(settings.timeoutSeconds()));
        }
        if (pending.size() >= 100) {
          CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
          pending.clear();
        }
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      long expected = (long) n + cancels;
      RunningProjection a = analytics;
      boolean settled = await(() -> gateway.tracker().shipped() >= n && reviewsSettled(orders, infra, n)
          && counts.applied("inventory") >= expected && counts.applied("shipping") >= n
          && a != null && a.phase() == RunningProjection.Phase.LIVE && counts.applied("analytics") >= expected,
          settings.timeoutSeconds());
      long end = gateway.tracker().lastShippedNanos();
      progress.shutdownNow();
      out.println();
      // Let late duplicates (and any double application) land before counting.
      Thread.sleep(300);
      return report(n, cancels, settled, (end - start) / 1e9, counts, orders.node(), inventory, shipping, a,
          gateway, transport, MetricsSummary.lines(infra.telemetry().meters()),
          orders.reviews().counts(infra.dataSource()));
    } finally {
      progress.shutdownNow();
      if (analytics != null) {
        analytics.close();
      }
      transport.close();
      infra.telemetry().close();
      infra.dropDemoSchema();
    }
  }

  private Report report(int n, int cancels, boolean settled, double seconds, Counts counts, ServiceNode orders,
      ServiceNode inventory, ServiceNode shipping, RunningProjection analytics, Gateway gateway,
      DuplicatingTransport transport, List<String> metrics, ReviewRequests.Counts reviews) throws SQLException {
    long placed = counts.events(PLACED);
    long cancelled = counts.events(CANCELLED);
    long expected = placed + cancelled;
    ProjectionProgress p = analytics.progress();
    long inboxDuplicates = orders.stats().duplicates() + inventory.stats().duplicates()
        + shipping.stats().duplicates();
    List<DeadLetter> letters = orders.consumer().deadLetters().list(0, 10);
    long deadLetters = orders.consumer().deadLetters().count() + inventory.consumer().deadLetters().count()
        + shipping.consumer().deadLetters().count();
    double[] latencies = gateway.tracker().latenciesMillis();

    Report r = new Report();
    r.line("Orders placed:          %,d (%,d cancelled) through the gateway; %s", n, cancels,
        settled ? "all services caught up" : "NOT all services caught up within " + settings.timeoutSeconds() + " s");
    r.line("Events per service:     orders stored %,d (%,d OrderPlaced + %,d OrderCancelled), published %,d",
        expected, placed, cancelled, orders.published());
    r.line("                        inventory applied %,d, shipping applied %,d and published %,d OrderShipped,",
        counts.applied("inventory"), counts.applied("shipping"), shipping.published());
    r.line("                        analytics applied %,d, gateway saw %,d orders shipped",
        counts.applied("analytics"), gateway.tracker().shipped());
    r.line("Duplicates suppressed:  %,d by the inboxes + %,d by the analytics projection (%,d copies injected)",
        inboxDuplicates, p.duplicates(), transport.duplicated());
    r.line("Dead letters:           %d", deadLetters);
    for (DeadLetter d : letters) {
      r.line("                        orders: %s - %s", d.wireName(), abbreviate(d.reason(), 110));
    }
    r.line("Relay restart:          orders relay restarted at %,d orders (relay generation %d)", n * 2 / 5 + 1,
        orders.relayGeneration());
    r.line("Scheduled reviews:      %,d RequestReview scheduled 2 s after their order, %,d cancelled with it,"
        + " %,d delivered when due", reviews.scheduled(), reviews.cancelled(), reviews.delivered());
    r.line("Analytics (late join):  %,d events backfilled over HTTP, %,d live (phase %s)", p.backfilled(),
        p.liveApplied(), p.phase());
    r.line("End-to-end latency:     PlaceOrder sent -> OrderShipped back (%d in flight): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
        + " max %.1f ms", MAX_IN_FLIGHT, Report.percentile(latencies, 50), Report.percentile(latencies, 95),
        Report.percentile(latencies, 99), Report.percentile(latencies, 100));
    r.line("Throughput:             %,.0f orders/s end to end (%,d orders in %.1f s)", n / seconds, n, seconds);
    r.line("Metrics (the services' meters: counters summed over services, gauges the largest; docs/observability.md):");
    metrics.forEach(line -> r.line("%s", line));

    r.check("every order placed once in the event store", placed == n && cancelled == cancels,
        placed + " OrderPlaced, " + cancelled + " OrderCancelled");
    for (String service : List.of("inventory", "shipping", "analytics")) {
      List<String> types = service.equals("shipping") ? List.of(PLACED) : List.of(PLACED, CANCELLED);
      long want = service.equals("shipping") ? placed : expected;
      long applied = counts.applied(service);
      long distinct = counts.distinctApplied(service);
      long missing = counts.missing(service, types);
      r.check(service + " applied each event exactly once", applied == want && distinct == want && missing == 0,
          applied + " applied, " + distinct + " distinct, " + missing + " missing of " + want);
    }
    r.check("inventory reservations match the orders", counts.reservedUnits() == gateway.unitsReserved(),
        counts.reservedUnits() + " units reserved, " + gateway.unitsReserved() + " expected");
    r.check("gateway saw every order shipped", gateway.tracker().shipped() == n,
        gateway.tracker().shipped() + " of " + n);
    r.check("analytics backfilled, then went live", p.backfilled() > 0 && p.liveApplied() > 0
        && p.backfilled() + p.liveApplied() == expected && p.phase() == RunningProjection.Phase.LIVE,
        p.backfilled() + " + " + p.liveApplied() + " = " + (p.backfilled() + p.liveApplied()) + " of " + expected);
    r.check("duplicate deliveries suppressed", transport.duplicated() > 0 && inboxDuplicates + p.duplicates() > 0,
        (inboxDuplicates + p.duplicates()) + " suppressed");
    r.check("poison message dead-lettered with its reason, nothing else", deadLetters == 1 && letters.size() == 1
        && letters.get(0).wireName().equals("orders.PlaceOrder"), deadLetters + " dead letter(s)");
    r.check("orders relay restarted without loss", orders.relayGeneration() == 2 && orders.published() >= expected,
        orders.published() + " published for " + expected + " events");
    r.check("each scheduled review delivered once or cancelled", reviews.scheduled() == n && reviews.cancelled() > 0
        && reviews.cancelled() + reviews.delivered() == n && reviews.wrong() == 0, reviews.scheduled()
        + " scheduled, " + reviews.cancelled() + " cancelled, " + reviews.delivered() + " delivered, "
        + reviews.wrong() + " delivered twice or after a cancel");
    return r;
  }

  /** Every review request the orders service scheduled was delivered or cancelled. */
  private static boolean reviewsSettled(Shop.Orders orders, Infrastructure infra, int n) {
    try {
      ReviewRequests.Counts c = orders.reviews().counts(infra.dataSource());
      return c.scheduled() >= n && c.cancelled() + c.delivered() + c.wrong() >= c.scheduled();
    } catch (SQLException e) {
      return false;
    }
  }

  /** Waits until fewer than MAX_IN_FLIGHT orders are in flight; gives up when none shipped for the timeout. */
  private void awaitRoomInFlight(Gateway gateway, int placed) throws InterruptedException {
    long shipped = gateway.tracker().shipped();
    long since = System.nanoTime();
    while (placed - gateway.tracker().shipped() >= MAX_IN_FLIGHT) {
      if (gateway.tracker().shipped() != shipped) {
        shipped = gateway.tracker().shipped();
        since = System.nanoTime();
      } else if (System.nanoTime() - since > settings.timeoutSeconds() * 1_000_000_000L) {
        throw new IllegalStateException("No order shipped for " + settings.timeoutSeconds() + " s with "
            + MAX_IN_FLIGHT + " in flight (" + shipped + " of " + placed + " shipped): the services stopped making"
            + " progress; the broker's and the services' logs above say why");
      }
      Thread.sleep(1);
    }
  }

  private void printProgress(int n, Gateway gateway, ServiceNode inventory, RunningProjection analytics) {
    String a = analytics == null ? "not started"
        : analytics.phase().name().toLowerCase(Locale.ROOT) + " " + (analytics.progress().backfilled()
            + analytics.progress().liveApplied());
    out.printf(Locale.ROOT, "\r  progress: sent %,d/%,d | inventory applied %,d | shipped %,d | analytics %s    ",
        gateway.tracker().sentCount(), n, inventory.stats().handled(), gateway.tracker().shipped(), a);
    out.flush();
  }

  private static boolean await(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  private static String abbreviate(String s, int max) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= max ? one : one.substring(0, max - 3) + "...";
  }

  /** Row counts over the services' tables (one database in the demo). */
  private record Counts(DataSource dataSource, String ordersEvents, Infrastructure infra) {

    long events(String wireName) {
      return query("select count(*) from " + ordersEvents + " where wire_name = ?", wireName);
    }

    long applied(String service) {
      return query("select count(*) from " + infra.tablePrefix(service) + "applied");
    }

    long distinctApplied(String service) {
      return query("select count(distinct message_id) from " + infra.tablePrefix(service) + "applied");
    }

    long missing(String service, List<String> wireNames) {
      String in = String.join(",", wireNames.stream().map(w -> "'" + w + "'").toList());
      return query("select count(*) from " + ordersEvents + " e where e.wire_name in (" + in + ") and not exists"
          + " (select 1 from " + infra.tablePrefix(service) + "applied a where a.message_id = e.message_id)");
    }

    long reservedUnits() {
      return query("select coalesce(sum(reserved), 0) from " + infra.tablePrefix("inventory") + "stock");
    }

    private long query(String sql, String... args) {
      try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          s.setString(i + 1, args[i]);
        }
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getLong(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Counting failed: " + sql, e);
      }
    }
  }
}
