package io.whizbang.runtime.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.whizbang.runtime.DeadLetters;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.internal.feedclient.BackfillReader;
import io.whizbang.runtime.internal.metrics.MicrometerProjectionMeters;
import io.whizbang.runtime.internal.tracing.OtelTracing;
import io.whizbang.runtime.internal.tracing.Tracing;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.Tx;
import io.whizbang.runtime.transport.Transport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Runs projections: each one backfills from its source domain's event feed over HTTP, then goes live on the
 * transport, applying every event exactly once, in order per aggregate, with its checkpoint in the same transaction
 * as its state.
 *
 * <pre>{@code
 * ProjectionEngine engine = ProjectionEngine.builder(storage, transport)
 *     .registerDomain("orders", "https://orders.example")          // feed at https://orders.example/events
 *     .backfillFrom(BackfillFrom.BEGINNING)
 *     .build();
 * RunningProjection totals = engine.start(new OrderTotals_Dispatcher(new OrderTotals()));
 * }</pre>
 */
public final class ProjectionEngine {
  private final SqlStorage storage;
  private final Transport transport;
  private final Map<String, Source> sources;
  private final ProjectionSettings settings;
  private final ProjectionTables tables;
  // Only handed to MicrometerProjectionMeters: Micrometer is loaded only when a registry is given.
  private final MeterRegistry meterRegistry;

  private ProjectionEngine(Builder b) {
    this.storage = b.storage;
    this.transport = b.transport;
    this.sources = Map.copyOf(b.sources);
    this.settings = new ProjectionSettings(b.backfillFrom, b.pageSize, b.concurrency, b.maxAttempts,
        b.initialBackoff, b.maxBackoff, b.readerAttempts, b.progressListener, b.appliedIdRetention,
        b.liveCheckpointInterval, b.undecodable, Map.copyOf(b.undecodableByProjection),
        // OtelTracing, the only class naming OpenTelemetry's types, is loaded only when one was given.
        b.openTelemetry == null ? Tracing.NONE : OtelTracing.of(b.openTelemetry, b.transport.name()));
    this.tables = new ProjectionTables(storage);
    this.meterRegistry = b.meterRegistry;
    tables.ensure();
  }

  public static Builder builder(SqlStorage storage, Transport transport) {
    return new Builder(storage, transport);
  }

  /**
   * Starts a projection (see {@link RunningProjection} for the phases) and returns at once.
   *
   * @throws IllegalStateException when no source is registered for the projection's domain
   */
  public RunningProjection start(ProjectionDispatcher dispatcher) {
    Objects.requireNonNull(dispatcher, "dispatcher");
    Source source = sourceOf(dispatcher);
    BackfillReader.Builder readerBuilder = BackfillReader.builder(source.eventsUrl()).bearerToken(source.bearerToken())
        .maxAttempts(settings.readerAttempts()).backoff(settings.initialBackoff(), settings.maxBackoff())
        .threads(StorageInternals.threads(storage));
    if (source.sslContext() != null) {
      readerBuilder.sslContext(source.sslContext());
    }
    BackfillReader reader = readerBuilder.build();
    RunningProjection running = new RunningProjection(dispatcher, transport, tables,
        new Applier(storage, tables, dispatcher), reader, settings, StorageInternals.threads(storage));
    if (meterRegistry != null) {
      running.metersRegistered(MicrometerProjectionMeters.register(meterRegistry, dispatcher.projectionName(),
          dispatcher.sourceDomain(), running.readings()));
    }
    running.start();
    return running;
  }

  /**
   * Forgets a projection's checkpoint, applied message ids and dead letters and runs {@code resetState} (clear the
   * read model), all in one transaction; its next start backfills the whole history again. Call it while the
   * projection is stopped.
   */
  public void rebuild(ProjectionDispatcher dispatcher, Tx.Work<?> resetState) {
    Objects.requireNonNull(resetState, "resetState");
    storage.inTransaction(tx -> {
      tables.reset(tx.connection(), dispatcher.projectionName());
      resetState.run(tx);
      return null;
    });
  }

  /**
   * The events {@code dispatcher}'s projection parked (see {@link UndecodableEventPolicy#PARK}): list them, replay
   * one once its type decodes it, or discard it.
   */
  public DeadLetters deadLetters(ProjectionDispatcher dispatcher) {
    Objects.requireNonNull(dispatcher, "dispatcher");
    return new ProjectionDeadLetters(storage, tables, dispatcher);
  }

  private Source sourceOf(ProjectionDispatcher dispatcher) {
    Source source = sources.get(key(dispatcher.sourceDomain()));
    if (source == null) {
      throw new IllegalStateException("No event feed is registered for domain '" + dispatcher.sourceDomain()
          + "' (projection '" + dispatcher.projectionName() + "'): call registerDomain(\""
          + dispatcher.sourceDomain() + "\", \"https://<owner>\") on the ProjectionEngine builder");
    }
    return source;
  }

  private static String key(String domain) {
    return domain.toLowerCase(Locale.ROOT);
  }

  /** Configures a {@link ProjectionEngine}; every setter checks its argument at once. */
  public static final class Builder {
    private final SqlStorage storage;
    private final Transport transport;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private BackfillFrom backfillFrom = BackfillFrom.BEGINNING;
    private int pageSize = 500;
    private int concurrency = 1;
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private int readerAttempts = 8;
    private Consumer<ProjectionProgress> progressListener;
    private Duration appliedIdRetention = Duration.ofDays(7);
    private Duration liveCheckpointInterval = Duration.ofSeconds(10);
    private UndecodableEventPolicy undecodable = UndecodableEventPolicy.STOP;
    private final Map<String, UndecodableEventPolicy> undecodableByProjection = new LinkedHashMap<>();
    private MeterRegistry meterRegistry;
    private OpenTelemetry openTelemetry;

    private Builder(SqlStorage storage, Transport transport) {
      this.storage = Objects.requireNonNull(storage, "storage");
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The seed's {@code RegisterDomain("Orders", url)}: the domain's feed is at {@code <baseUrl>/events}. */
    public Builder registerDomain(String domain, String baseUrl) {
      return registerDomain(domain, Source.service(baseUrl));
    }

    /** The domain's feed, for example {@code Source.feed(uri).withBearerToken(token)}. */
    public Builder registerDomain(String domain, Source source) {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(source, "source");
      BackfillReader.builder(source.eventsUrl()); // validates the URL now rather than at start
      sources.put(key(domain), source);
      return this;
    }

    /** Where a projection without a checkpoint starts (default: the beginning; the seed's {@code BackfillFrom}). */
    public Builder backfillFrom(BackfillFrom value) {
      this.backfillFrom = Objects.requireNonNull(value, "backfillFrom");
      return this;
    }

    /** Events applied, and checkpointed, per backfill transaction (1 to 10,000; default 500). */
    public Builder pageSize(int value) {
      if (value < 1 || value > 10_000) {
        throw new IllegalArgumentException("pageSize must be between 1 and 10000, was " + value);
      }
      this.pageSize = value;
      return this;
    }

    /** Live lanes per projection (default 1); events of one aggregate always share a lane. */
    public Builder concurrency(int value) {
      if (value < 1 || value > 64) {
        throw new IllegalArgumentException("concurrency must be between 1 and 64, was " + value);
      }
      this.concurrency = value;
      return this;
    }

    /**
     * Attempts at applying one event during backfill before the projection stops (default 5), and the retry
     * delays (100 ms doubling to 10 s), also used for feed failures and live redeliveries.
     */
    public Builder retry(int attempts, Duration initial, Duration max) {
      if (attempts < 1 || attempts > 1000) {
        throw new IllegalArgumentException("attempts must be between 1 and 1000, was " + attempts);
      }
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("retry needs 0 < initial <= max, was " + initial + " and " + max);
      }
      this.maxAttempts = attempts;
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Consecutive failed feed requests, without progress, before the projection stops (default 8). */
    public Builder feedAttempts(int value) {
      if (value < 1 || value > 1000) {
        throw new IllegalArgumentException("feedAttempts must be between 1 and 1000, was " + value);
      }
      this.readerAttempts = value;
      return this;
    }

    /**
     * How long the ids of applied events are kept once the checkpoint is past them (default 7 days): a broker
     * redelivery older than this is no longer recognised as a duplicate. Pruned when a projection starts and
     * whenever its checkpoint moves while live.
     */
    public Builder appliedIdRetention(Duration value) {
      Objects.requireNonNull(value, "appliedIdRetention");
      if (value.isNegative()) {
        throw new IllegalArgumentException("appliedIdRetention must not be negative, was " + value);
      }
      this.appliedIdRetention = value;
      return this;
    }

    /**
     * How often a live projection moves its checkpoint over the live events it applied (default 10 s; 10 ms to 1
     * hour). Each move asks the owner's feed to count the events in the range (a few small requests), so a restart
     * reads from the feed only what was applied after the last move.
     */
    public Builder liveCheckpointInterval(Duration value) {
      Objects.requireNonNull(value, "liveCheckpointInterval");
      if (value.compareTo(Duration.ofMillis(10)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("liveCheckpointInterval must be between 10 ms and 1 hour, was " + value);
      }
      this.liveCheckpointInterval = value;
      return this;
    }

    /**
     * What every projection of this engine does with an event it cannot decode (default
     * {@link UndecodableEventPolicy#STOP}); {@link #onUndecodableEvent(String, UndecodableEventPolicy)} overrides it
     * for one projection.
     */
    public Builder onUndecodableEvent(UndecodableEventPolicy policy) {
      this.undecodable = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** What the projection named {@code projectionName} does with an event it cannot decode. */
    public Builder onUndecodableEvent(String projectionName, UndecodableEventPolicy policy) {
      Objects.requireNonNull(projectionName, "projectionName");
      Objects.requireNonNull(policy, "policy");
      if (projectionName.isBlank()) {
        throw new IllegalArgumentException("projectionName must not be blank");
      }
      undecodableByProjection.put(projectionName, policy);
      return this;
    }

    /** Called with a progress snapshot after each backfill batch, on going live and on failure. */
    public Builder progressListener(Consumer<ProjectionProgress> value) {
      this.progressListener = value;
      return this;
    }

    /**
     * Registers each started projection's meters (phase, events applied, lag, checkpoint age) on {@code registry},
     * tagged {@code projection} and {@code domain}; they are removed when the projection closes. Needs
     * {@code io.micrometer:micrometer-core} (an optional dependency of the runtime). See docs/observability.md,
     * "Meters".
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Reports a span per applied backfill page to {@code openTelemetry}, linked to the trace context stored with
     * its events (docs/observability.md, "Traces"); without it no span is made.
     *
     * <pre>{@code .openTelemetry(GlobalOpenTelemetry.get())}</pre>
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /** Builds the engine; creates the projection checkpoint and inbox tables when missing. */
    public ProjectionEngine build() {
      return new ProjectionEngine(this);
    }
  }

  /**
   * What a projection does with an event it cannot decode: a payload its event type cannot read (a
   * {@code CodecException}), or, live, bytes that are not an envelope. Decoding fails the same way every time, so such an
   * event is not retried. Set per engine or per projection with {@code ProjectionEngine.Builder#onUndecodableEvent}.
   */
  public enum UndecodableEventPolicy {
    /**
     * The default: the projection stops in {@link RunningProjection.Phase#FAILED} with an error naming the event (its id, type,
     * key and feed cursor) and the reason, in {@link RunningProjection#failure()} and {@link ProjectionProgress#failure()}.
     * The read model holds everything before the event and nothing after it; once the event type decodes it, a new
     * start resumes at that event.
     */
    STOP,
    /**
     * The event is parked in the projection's dead letters (with its bytes and the reason), counted in
     * {@link ProjectionProgress#parked()}, and the projection goes on with the next event. List, replay or discard the
     * parked events with {@code ProjectionEngine#deadLetters}. The read model then misses the event until it is
     * replayed: choose this only for a projection that can do without it for a while.
     */
    PARK
  }

  /**
   * Where a projection without a checkpoint starts its backfill: the whole history, or the events that occurred at or
   * after a point in time. A projection with a checkpoint always resumes from it.
   *
   * <pre>{@code
   * engine.backfillFrom(BackfillFrom.BEGINNING);                          // the seed's BackfillFrom = MinValue
   * engine.backfillFrom(BackfillFrom.at(Instant.parse("2026-01-01T00:00:00Z")));
   * }</pre>
   */
  public static final class BackfillFrom {
    /** The whole history. */
    public static final BackfillFrom BEGINNING = new BackfillFrom(null);

    private final Instant instant;

    private BackfillFrom(Instant instant) {
      this.instant = instant;
    }

    /** Events that occurred at or after {@code instant}. */
    public static BackfillFrom at(Instant instant) {
      return new BackfillFrom(Objects.requireNonNull(instant, "instant"));
    }

    /** The point in time, or {@code null} for the beginning. */
    public Instant instant() {
      return instant;
    }

    @Override
    public String toString() {
      return instant == null ? "BackfillFrom.BEGINNING" : "BackfillFrom.at(" + instant + ")";
    }
  }

  /**
   * Where a domain's event feed is served, the bearer token to read it, and, for an {@code https} feed whose certificate
   * the JVM's default trust store does not hold, the TLS context that trusts it.
   *
   * <pre>{@code
   * Source.service("https://orders.example")                  // feed at https://orders.example/events
   * Source.feed(URI.create("https://orders.example/events")).withBearerToken(token)
   *     .withSslContext(contextTrustingTheFeedsCertificate)
   * }</pre>
   */
  public record Source(URI eventsUrl, String bearerToken, SSLContext sslContext) {
    public Source {
      Objects.requireNonNull(eventsUrl, "eventsUrl");
    }

    public Source(URI eventsUrl, String bearerToken) {
      this(eventsUrl, bearerToken, null);
    }

    /** The feed of a service whose base URL is {@code baseUrl}: {@code <baseUrl>/events}. */
    public static Source service(String baseUrl) {
      String base = Objects.requireNonNull(baseUrl, "baseUrl");
      return new Source(URI.create((base.endsWith("/") ? base : base + "/") + "events"), null);
    }

    /** The feed at exactly {@code eventsUrl} (the seed's {@code BackfillSource}). */
    public static Source feed(URI eventsUrl) {
      return new Source(eventsUrl, null);
    }

    public Source withBearerToken(String token) {
      return new Source(eventsUrl, token, sslContext);
    }

    /** Reads an {@code https} feed trusting what {@code context}'s trust managers trust. */
    public Source withSslContext(SSLContext context) {
      return new Source(eventsUrl, bearerToken, Objects.requireNonNull(context, "sslContext"));
    }

    @Override
    public String toString() {
      return "ProjectionEngine.Source[" + eventsUrl + (bearerToken == null ? "" : ", bearer token")
          + (sslContext == null ? "" : ", TLS context") + "]";
    }
  }
}
