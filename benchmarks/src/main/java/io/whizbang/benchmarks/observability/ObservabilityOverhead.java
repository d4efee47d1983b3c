package io.whizbang.benchmarks.observability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Alternating.Done;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.inbox.Steps;
import io.whizbang.benchmarks.inbox.StepEffects;
import io.whizbang.benchmarks.inbox.StepEffects_Dispatcher;
import io.whizbang.benchmarks.storage.OutboxFill;
import io.whizbang.benchmarks.storage.RelayThroughput;
import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.WhizbangBuilder;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.internal.metrics.MicrometerServiceMetrics;
import io.whizbang.runtime.internal.metrics.ServiceMetrics;
import io.whizbang.runtime.internal.tracing.OtelTracing;
import io.whizbang.runtime.internal.tracing.Tracing;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hot paths with meters and traces on against off, in alternating slices of one run (target ≥ 0.95x):
 * <ul>
 *   <li><b>relay</b>: rows/s of a relay made by a service ({@code Whizbang.newRelay}) on a filled outbox of its own,
 *       the service built with a Micrometer registry and an OpenTelemetry SDK (batch span processor, an exporter that
 *       drops the spans) against one built without either; in-memory transport, PostgreSQL;
 *   <li><b>inbox</b>: msg/s of the inbox-guarded consumer (100 per transaction, an effect row each, as in
 *       {@code InboxThroughput}) wired as a service wires it with both on (handler timer, in-flight wrapper, a
 *       {@code process} span per message) against the same consumer without them.
 * </ul>
 * Codec and dispatch have no hooks (neither path calls into the meters or the spans), so they are not re-measured
 * here: {@code CodecBenchmark} and {@code DispatchBenchmark} cover them.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.observability.ObservabilityOverhead --rounds=6 --slice=1.5</pre>
 */
public final class ObservabilityOverhead {
  private static final String DOMAIN = "benchobs";
  private static final int DELIVERY_BATCH = 100;

  private ObservabilityOverhead() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int rounds = Report.intArg(args, "rounds", 6);
    double slice = Report.doubleArg(args, "slice", 1.5);
    SpansDropped exporter = new SpansDropped();
    try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build()).build()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      relay(registry, otel, rounds, slice, args);
      inbox(registry, otel, rounds, slice);
      otel.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
      Report.info("spans exported (and dropped): " + exporter.spans.get());
      if (exporter.spans.get() == 0) {
        throw new IllegalStateException("no span was made: the on arms did not trace");
      }
    }
  }

  private static void relay(SimpleMeterRegistry registry, OpenTelemetry otel, int rounds, double slice,
      String[] args) throws Exception {
    List<String> prefixes = new ArrayList<>();
    try (InMemoryTransport transport = new InMemoryTransport()) {
      int rows = Report.intArg(args, "rows", 1_200_000);  // more than the fastest arm publishes in all its slices
      Whizbang off = service(filled(prefixes, "obsoff", rows), transport, null, null);
      Whizbang on = service(filled(prefixes, "obson", rows), transport, registry, otel);
      try {
        double[] r = Alternating.rates("relay, meters and spans on vs off", rounds, slice,
            nanos -> relaySlice(on, nanos), nanos -> relaySlice(off, nanos));
        Report.ratio("relay rows/s, meters + spans on vs off (batch 100)", r[0], r[1], "rows/s", 0.95);
      } finally {
        on.close();
        off.close();
      }
    } finally {
      prefixes.forEach(Postgres::dropTables);
    }
  }

  private static SqlStorage filled(List<String> prefixes, String area, int rows) {
    return OutboxFill.inNewTables(prefixes, area, DOMAIN, rows);
  }

  /** A service without handlers whose outbox the caller relays; meters and spans when given. */
  private static Whizbang service(SqlStorage storage, InMemoryTransport transport, SimpleMeterRegistry registry,
      OpenTelemetry otel) {
    WhizbangBuilder b = Whizbang.builder().service(DOMAIN).owns(DOMAIN).transport(transport)
        .storage(storage, s -> s.withoutRelay());
    if (registry != null) {
      b.meterRegistry(registry);
    }
    if (otel != null) {
      b.openTelemetry(otel);
    }
    return b.build().start();
  }

  /** A relay of {@code service} started for one slice; its window opens at its first published batch. */
  private static Done relaySlice(Whizbang service, long nanos) throws Exception {
    try (Relay relay = service.newRelay(RelayConfig.builder().batchSize(100).build())) {
      return RelayThroughput.publishedFor(relay, nanos);
    }
  }

  private static void inbox(SimpleMeterRegistry registry, OpenTelemetry otel, int rounds, double slice)
      throws Exception {
    String prefix = Postgres.uniquePrefix("obsinbox");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      String effects = StorageInternals.tables(storage).table("effects");
      Postgres.execute(StepEffects.createTableSql(effects));
      List<SubscriptionRequest.Source> sources = List.of(
          new SubscriptionRequest.Source(Destination.events(Steps.domain()), Set.of(Steps.wireName())));
      InboxConfig config = InboxConfig.builder().maxBatch(DELIVERY_BATCH).build();
      // As WhizbangBuilder wires a service's inbox with a registry and an OpenTelemetry, and without.
      ServiceMetrics metrics = MicrometerServiceMetrics.create(registry, "bench", "in-memory", Duration.ofSeconds(10));
      Tracing tracing = OtelTracing.of(otel, "in-memory");
      try (InboxConsumer plain = InboxConsumer.builder(storage, "obs-off")
              .dispatchers(List.of(new StepEffects_Dispatcher(new StepEffects(effects)))).config(config).build();
          InboxConsumer observed = InboxConsumer.builder(storage, "obs-on")
              .dispatchers(List.of(new StepEffects_Dispatcher(new StepEffects(effects)))).config(config)
              .handlerTimer(metrics.handlerTimer("obs-on")).tracing(tracing, sources).build()) {
        metrics.inbox(observed);
        DeliveryHandler observedHandler = metrics.consumer("obs-on", observed);
        int[] next = {0};
        inboxSlice(plain, plain, next, 1_000_000_000L);          // warm-up of both paths
        inboxSlice(observedHandler, observed, next, 1_000_000_000L);
        double[] r = Alternating.rates("inbox, meters and spans on vs off", rounds, slice,
            nanos -> inboxSlice(observedHandler, observed, next, nanos),
            nanos -> inboxSlice(plain, plain, next, nanos));
        Report.ratio("inbox msg/s (100 per tx), meters + spans on vs off", r[0], r[1], "msg/s", 0.95);
      } finally {
        metrics.close();
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static Done inboxSlice(DeliveryHandler handler, InboxConsumer consumer, int[] next, long nanos) {
    long handledBefore = consumer.stats().handled();
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      List<Delivery> batch = new ArrayList<>(DELIVERY_BATCH);
      for (int i = 0; i < DELIVERY_BATCH; i++) {
        int n = next[0]++;
        batch.add(new AckedDelivery(Steps.body(n), Steps.key(n)));
      }
      handler.handle(batch);
    }
    return Done.since(start, consumer.stats().handled() - handledBefore);
  }

  /** A delivery that only needs acknowledging. */
  private record AckedDelivery(byte[] body, String partitionKey) implements Delivery {
    @Override
    public int deliveryCount() {
      return 1;
    }

    @Override
    public void ack() {}

    @Override
    public void release(Duration delay) {
      throw new IllegalStateException("released: the handler failed");
    }
  }

  /** Counts the spans it is given and drops them: the cost of making spans, not of shipping them. */
  private static final class SpansDropped implements SpanExporter {
    final AtomicLong spans = new AtomicLong();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAndGet(batch.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
