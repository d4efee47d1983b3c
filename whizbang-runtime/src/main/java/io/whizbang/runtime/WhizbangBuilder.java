package io.whizbang.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.whizbang.runtime.consumer.ConsumerFactory;
import io.whizbang.runtime.consumer.ConsumerStage;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.metrics.MicrometerServiceMetrics;
import io.whizbang.runtime.internal.metrics.ServiceMetrics;
import io.whizbang.runtime.internal.tracing.OtelTracing;
import io.whizbang.runtime.internal.tracing.Tracing;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.outbox.OutboxPublisher;
import io.whizbang.runtime.outbox.ScheduledOutbox;
import io.whizbang.runtime.outgoing.DirectPublisher;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.outgoing.MessagePublisher;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.TransportLimits;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Configures a {@link Whizbang} service; every setting but the modules has a default.
 *
 * <pre>{@code
 * Whizbang orders = Whizbang.builder()
 *     .service("orders")                 // subscriber id; defaults to the one service module's name
 *     .owns("orders")                    // added to the modules' owned domains
 *     .modulesFromClasspath()            // or .module(new WhizbangModule_Orders())
 *     .handlers(WhizbangModule_Orders.handlers(new OrderHandlers()))
 *     .transport(kafkaTransport)         // default: a new in-memory transport
 *     .consumerConcurrency(4)
 *     .storage(storage)                  // optional: inbox-guarded consumers, transactional outbox, relay
 *     .build();
 * }</pre>
 */
public final class WhizbangBuilder {

  private String service;
  private final Set<String> owns = new LinkedHashSet<>();
  private final List<WhizbangModule> modules = new ArrayList<>();
  private final List<MessageDispatcher> dispatchers = new ArrayList<>();
  private Transport transport;
  private Function<Transport, MessagePublisher> publisher = DirectPublisher::new;
  private boolean publisherSet;
  private SqlStorage storage;
  private StorageOptions storageOptions;
  private ThreadFactory threadFactory;
  private int consumerConcurrency = 4;
  private Clock clock = Clock.systemUTC();
  private Duration initialBackoff = Duration.ofMillis(200);
  private Duration maxBackoff = Duration.ofSeconds(30);
  private Duration publishTimeout = Duration.ofSeconds(30);
  private final List<ConsumerStage> stages = new ArrayList<>();
  private ConsumerFactory consumers;
  private Health.Thresholds healthThresholds = Health.Thresholds.defaults();
  // Only stored here and handed to MicrometerServiceMetrics: Micrometer is loaded only when one is given.
  private MeterRegistry meterRegistry;
  private Duration meterReadingTtl = Duration.ofSeconds(10);
  private OpenTelemetry openTelemetry;

  WhizbangBuilder() {}

  /** The service's name: its subscriber id on the broker, shared by all its instances. */
  public WhizbangBuilder service(String name) {
    this.service = ServiceNames.requireName(name, "service name");
    return this;
  }

  /**
   * Domains this service owns, besides those declared by its own module (the module whose name is the service
   * name); other modules contribute message types only.
   */
  public WhizbangBuilder owns(String... domains) {
    for (String d : domains) {
      owns.add(ServiceNames.requireName(d, "domain"));
    }
    return this;
  }

  /** Registers a generated module (its message types and, for a service module, its owned domains). */
  public WhizbangBuilder module(WhizbangModule module) {
    modules.add(Objects.requireNonNull(module, "module"));
    return this;
  }

  /** Registers every module listed in {@code META-INF/services} of the context class loader. */
  public WhizbangBuilder modulesFromClasspath() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return modulesFrom(loader != null ? loader : WhizbangBuilder.class.getClassLoader());
  }

  /** Registers every module listed in {@code META-INF/services} of {@code loader}. */
  public WhizbangBuilder modulesFrom(ClassLoader loader) {
    ServiceLoader.load(WhizbangModule.class, loader).forEach(modules::add);
    return this;
  }

  /** The handler instances, bound to their dispatchers by the generated module's factory; may be called again. */
  public WhizbangBuilder handlers(HandlerSet handlers) {
    dispatchers.addAll(handlers.dispatchers());
    return this;
  }

  /** The broker; the service closes it only if the builder created it (default: a new in-memory transport). */
  public WhizbangBuilder transport(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  /** Replaces direct publishing; the runtime's own seam (its types are not exported), for tests. */
  WhizbangBuilder publisher(Function<Transport, MessagePublisher> publisherFactory) {
    this.publisher = Objects.requireNonNull(publisherFactory, "publisherFactory");
    this.publisherSet = true;
    return this;
  }

  /** Handler lanes per subscription; messages of one partition key always share a lane. Default 4. */
  public WhizbangBuilder consumerConcurrency(int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("consumerConcurrency must be at least 1, was " + lanes);
    }
    this.consumerConcurrency = lanes;
    return this;
  }

  /** Backoff of a failing message: {@code initial} doubled per delivery, at most {@code max}. */
  public WhizbangBuilder retryBackoff(Duration initial, Duration max) {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("retryBackoff needs 0 <= initial <= max, was " + initial + ", " + max);
    }
    this.initialBackoff = initial;
    this.maxBackoff = max;
    return this;
  }

  /** How long a consumer waits for its handlers' output to be confirmed before retrying the message. */
  public WhizbangBuilder publishTimeout(Duration timeout) {
    this.publishTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Adds a consumer stage between decoding and dispatch; the first added is outermost. The runtime's own seam (the
   * consumer pipeline is not exported), for tests.
   */
  WhizbangBuilder consumerStage(ConsumerStage stage) {
    stages.add(Objects.requireNonNull(stage, "stage"));
    return this;
  }

  /**
   * Replaces the standard consumer of each subscription (for example by an inbox-guarded consumer one can wrap). The
   * settings of the standard one ({@link #consumerStage}, {@link #retryBackoff}, {@link #publishTimeout}) then do
   * not apply. The runtime's own seam (the consumer pipeline is not exported), for tests.
   */
  WhizbangBuilder consumers(ConsumerFactory factory) {
    this.consumers = Objects.requireNonNull(factory, "factory");
    return this;
  }

  /**
   * Makes the service transactional on {@code storage} (its tables are created or upgraded at {@code start()}):
   * <ul>
   *   <li>every subscription is consumed through an inbox ({@link Whizbang#inbox}): inbox row, handler effects (on
   *       {@code context.connection()}) and what the handlers send or publish (outbox rows) commit in one
   *       transaction, and a redelivered message is acknowledged without calling a handler;
   *   <li>{@code send} and {@code publish} outside handlers write to the outbox and complete once committed;
   *   <li>a {@code Relay} started and closed with the service publishes the outbox (see
   *       {@link StorageOptions#relay}).
   * </ul>
   */
  public WhizbangBuilder storage(SqlStorage storage) {
    return storage(storage, UnaryOperator.identity());
  }

  /**
   * {@link #storage(SqlStorage)} with its settings, which exist only with storage:
   *
   * <pre>{@code .storage(storage, s -> s.relay(RelayConfig.builder().pollInterval(Duration.ofSeconds(1)).build())
   *     .inbox(inbox -> inbox.maxBatch(50))
   *     .cleanupRetention(Duration.ofDays(2)))}</pre>
   */
  public WhizbangBuilder storage(SqlStorage storage, UnaryOperator<StorageOptions> options) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.storageOptions = Objects.requireNonNull(Objects.requireNonNull(options, "options").apply(new StorageOptions()),
        "storage options returned null");
    return this;
  }

  /**
   * Where every background loop of the service takes its threads: the relay and its LISTEN thread, the inbox
   * cleaners, and the lanes of the in-memory transport the builder creates (default: the storage's, set with
   * {@code SqlStorage.builder(dataSource).threads(...)}, else platform daemon threads). For example
   * {@code Thread.ofVirtual().factory()} on Java 21, or a container's managed thread factory. The storage's own commit notifier takes the storage's threads:
   * give the factory to {@code SqlStorage.builder(dataSource).threads(...)} as well, or only there.
   */
  public WhizbangBuilder threads(ThreadFactory factory) {
    this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
    return this;
  }

  /**
   * When {@link Whizbang#health()} calls a component DEGRADED or DOWN (default {@link Health.Thresholds#defaults()}:
   * the oldest unpublished outbox row 30 s / 5 min old, one dead letter). See docs/observability.md, "Health".
   */
  public WhizbangBuilder health(Health.Thresholds thresholds) {
    healthThresholds = Objects.requireNonNull(thresholds, "thresholds");
    return this;
  }

  /**
   * Registers the service's meters (outbox, relay, inboxes, consumers) on {@code registry}, tagged
   * {@code service=<name>}; they are removed when the service closes. Needs {@code io.micrometer:micrometer-core}
   * (an optional dependency of the runtime); without this call nothing is measured. See docs/observability.md,
   * "Meters".
   *
   * <pre>{@code Whizbang.builder().service("shipping").meterRegistry(prometheusRegistry)...}</pre>
   */
  public WhizbangBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * How long a gauge that queries the database (outbox backlog, inbox rows, dead letters) keeps its value (default
   * 10 s). The runtime's own seam, for tests.
   */
  WhizbangBuilder meterReadingTtl(Duration ttl) {
    this.meterReadingTtl = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /**
   * Reports the service's spans to {@code openTelemetry} (OpenTelemetry's messaging semantic conventions): a
   * producer span per message sent or published (its context travels in the message's {@code traceparent}), a span
   * per relay publish round linked to them, and a consumer span per handled message, current while its handler
   * runs. Without it no span is made and the trace context of the message being handled is carried onward. Spans
   * and attributes: docs/observability.md, "Traces".
   *
   * <pre>{@code .openTelemetry(GlobalOpenTelemetry.get())}</pre>
   */
  public WhizbangBuilder openTelemetry(OpenTelemetry openTelemetry) {
    this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    return this;
  }

  /** The clock of envelopes' occurred-at, and of the inboxes' received-at times and cleanup (tests move it). */
  public WhizbangBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Checks the configuration and builds the service (not started).
   *
   * @throws WhizbangConfigurationException when modules, ownership and handlers do not fit together
   */
  public Whizbang build() {
    List<WhizbangModule> distinct = ServiceNames.distinct(modules);
    MessageRouter router = MessageRouter.of(distinct);
    String name = ServiceNames.serviceName(service, distinct);
    Set<String> owned = ServiceNames.ownedDomains(name, owns, distinct);
    List<ServiceWiring.Plan> plans = ServiceWiring.plan(name, owned, router, List.copyOf(dispatchers));
    boolean ownsTransport = transport == null;
    Transport t = ownsTransport ? memoryTransport() : transport;
    checkStorageSettings();
    // Transports declare their limits once connected; a message over them is refused before it is stored or sent.
    TransportLimits limits = t.limits();
    MessagePublisher p = storage != null ? new OutboxPublisher(storage, limits)
        : Objects.requireNonNull(publisher.apply(t), "the publisher factory returned null");
    // OtelTracing, the only class naming OpenTelemetry's types, is loaded only when one was given.
    Tracing tracing = openTelemetry == null ? Tracing.NONE : OtelTracing.of(openTelemetry, t.name());
    EnvelopeFactory envelopes = new EnvelopeFactory(router, name, owned, clock, tracing);
    ServiceMetrics metrics = meterRegistry == null ? ServiceMetrics.NONE
        : MicrometerServiceMetrics.create(meterRegistry, name, t.name(), meterReadingTtl);
    ConsumerFactory chosen = storage != null
        ? ConsumerFactories.inboxGuarded(storage, inboxConfig(), limits, metrics, tracing, threadFactory)
        : consumers != null ? consumers
        : ConsumerFactories.standard(p, initialBackoff, maxBackoff, publishTimeout, stages, tracing);
    ServiceStorage parts = storage == null ? null
        : new ServiceStorage(storage, storageOptions.relayConfig, threadFactory, new Outbox(storage, limits),
            new ScheduledOutbox(storage, limits), tracing);
    return new Whizbang(name, owned, router, t, ownsTransport, p, envelopes, plans, consumerConcurrency, chosen,
        parts, healthThresholds, metrics);
  }

  private void checkStorageSettings() {
    if (storage == null) {
      return;
    }
    if (consumers != null || !stages.isEmpty()) {
      throw new WhizbangConfigurationException("storage(...) consumes every subscription through the inbox;"
          + " consumers(...) and consumerStage(...) would replace that: use storage(...) with inbox(...), or"
          + " consumers(...) without storage(...)");
    }
    if (publisherSet) {
      throw new WhizbangConfigurationException("storage(...) publishes through the transactional outbox;"
          + " publisher(...) would replace it: use one or the other");
    }
  }

  /** The inboxes' settings: the service-wide ones first, so that inbox(...) can still adjust them. */
  private InboxConfig inboxConfig() {
    StorageOptions o = storageOptions;
    InboxConfig.Builder serviceWide = InboxConfig.builder().clock(clock).cleanupRetention(o.cleanupRetention)
        .cleanup(o.cleanupInterval, InboxConfig.DEFAULT_CLEANUP_BATCH);
    return Objects.requireNonNull(o.inboxSettings.apply(serviceWide), "inbox(...) returned null").build();
  }

  private Transport memoryTransport() {
    InMemoryTransport.Builder b = InMemoryTransport.builder();
    return (threadFactory != null ? b.threads(threadFactory) : b).build();
  }

  /**
   * The settings of a service with storage, given to {@link #storage(SqlStorage, UnaryOperator)}: they exist only
   * there, so none can be set on a service without storage.
   */
  public static final class StorageOptions {

    private RelayConfig relayConfig = RelayConfig.builder().build();
    private UnaryOperator<InboxConfig.Builder> inboxSettings = UnaryOperator.identity();
    private Duration cleanupRetention = Duration.ofDays(7);
    private Duration cleanupInterval = Duration.ofMinutes(1);

    StorageOptions() {}

    /** The settings of the service's relay (default {@code RelayConfig.builder().build()}). */
    public StorageOptions relay(RelayConfig config) {
      this.relayConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Runs no relay in this instance (another process publishes the outbox). */
    public StorageOptions withoutRelay() {
      this.relayConfig = null;
      return this;
    }

    /**
     * Adjusts each subscription's inbox consumer (retries, dead-letter policy, batching, cleanup). The service-wide
     * settings ({@link WhizbangBuilder#clock}, {@link #cleanupRetention}, {@link #cleanupInterval}) are in it
     * already.
     *
     * <pre>{@code .inbox(inbox -> inbox.maxBatch(50).retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(3).build()))}</pre>
     */
    public StorageOptions inbox(UnaryOperator<InboxConfig.Builder> settings) {
      this.inboxSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * How long each subscription's inbox keeps the ids of applied messages (default 7 days); older rows are deleted
     * by the inbox cleaner the service runs (see {@link #cleanupInterval}).
     */
    public StorageOptions cleanupRetention(Duration retention) {
      Objects.requireNonNull(retention, "cleanupRetention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("cleanupRetention must be positive, was " + retention);
      }
      this.cleanupRetention = retention;
      return this;
    }

    /**
     * How often the service's inbox cleaners delete expired inbox rows (default 1 minute), in bounded batches. The
     * outbox's published rows are deleted by the relay ({@link RelayConfig}).
     */
    public StorageOptions cleanupInterval(Duration interval) {
      Objects.requireNonNull(interval, "cleanupInterval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("cleanupInterval must be positive, was " + interval);
      }
      this.cleanupInterval = interval;
      return this;
    }
  }
}
