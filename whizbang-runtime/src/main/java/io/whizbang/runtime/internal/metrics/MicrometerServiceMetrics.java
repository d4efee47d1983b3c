package io.whizbang.runtime.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.whizbang.runtime.inbox.InboxStats;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.outbox.OutboxBacklog;
import io.whizbang.runtime.outbox.OutboxDeadLetters;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayStats;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A service's meters on a Micrometer {@link MeterRegistry}; names, tags and meanings: docs/observability.md,
 * "Meters". Counters read what the runtime counts anyway ({@link RelayStats}, {@link InboxStats}), so consuming and
 * publishing pay nothing for them; what needs a query (pending rows, inbox rows, dead letters) is read at most once
 * per {@code ttl}. Every meter carries the tag {@code service}.
 */
public final class MicrometerServiceMetrics implements ServiceMetrics {
  private final MeterSet meters;
  private final String transport;
  private final Duration ttl;
  private final Map<Destination, Timer> publishLatency = new ConcurrentHashMap<>();
  private final List<Relay> relays = new CopyOnWriteArrayList<>();

  private MicrometerServiceMetrics(MeterRegistry registry, String service, String transport, Duration ttl) {
    this.meters = new MeterSet(registry, Tags.of("service", service));
    this.transport = transport;
    this.ttl = ttl;
  }

  /** The meters of {@code service}, consuming from and publishing to the transport named {@code transport}. */
  public static ServiceMetrics create(MeterRegistry registry, String service, String transport, Duration ttl) {
    return new MicrometerServiceMetrics(registry, service, transport, ttl);
  }

  @Override
  public HandlerTimer handlerTimer(String subscriberId) {
    Timer timer = meters.timer("whizbang.inbox.handler.duration", "How long a message's handlers ran (failed runs"
        + " too)", Tags.of("subscriber", subscriberId));
    return new HandlerTimer() {
      @Override
      public long start() {
        return System.nanoTime();
      }

      @Override
      public void stop(long started) {
        timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    };
  }

  @Override
  public DeliveryHandler consumer(String subscriberId, DeliveryHandler handler) {
    ConsumerLoad load = new ConsumerLoad(handler);
    Tags tags = consumerTags(subscriberId);
    meters.gauge("whizbang.consumer.in.flight", "Messages handed to the handler and not settled yet", load,
        ConsumerLoad::inFlight, tags);
    meters.gauge("whizbang.consumer.lanes.busy", "Handler calls running now (one per busy lane)", load,
        ConsumerLoad::lanesBusy, tags);
    return load;
  }

  @Override
  public void subscribed(String subscriberId, Subscription subscription) {
    meters.gauge("whizbang.consumer.lag", "Messages waiting on the broker for the subscription, as the broker"
        + " reports them (NaN: not known)", subscription, s -> MeterSet.backlog(s::backlog), consumerTags(subscriberId));
  }

  private Tags consumerTags(String subscriberId) {
    return Tags.of("subscriber", subscriberId, "transport", transport);
  }

  @Override
  public void inbox(InboxConsumer inbox) {
    Tags tags = Tags.of("subscriber", inbox.subscriberId());
    String messages = "whizbang.inbox.messages";
    String about = "Messages the inbox settled, by outcome";
    meters.counter(messages, about, inbox, i -> i.stats().handled(), tags.and("outcome", "applied"));
    meters.counter(messages, about, inbox, i -> i.stats().duplicates(), tags.and("outcome", "duplicate"));
    meters.counter(messages, about, inbox, i -> i.stats().retried(), tags.and("outcome", "retried"));
    meters.counter(messages, about, inbox, i -> i.stats().deadLettered(), tags.and("outcome", "dead_lettered"));
    meters.counter(messages, about, inbox, i -> i.stats().ignored(), tags.and("outcome", "ignored"));
    meters.counter(messages, about, inbox, i -> i.stats().expired(), tags.and("outcome", "expired"));
    meters.counter("whizbang.inbox.cleanup.deleted", "Expired inbox rows deleted", inbox,
        InboxConsumer::cleanedRows, tags);
    CachedReading<Long> rows = new CachedReading<>("the inbox rows of '" + inbox.subscriberId() + "'", ttl,
        inbox::countRows);
    meters.gauge("whizbang.inbox.rows", "Inbox rows kept (applied and parked messages not cleaned up yet)", rows,
        MicrometerServiceMetrics::orNaN, tags);
    CachedReading<Long> dead = new CachedReading<>("the dead letters of '" + inbox.subscriberId() + "'", ttl,
        () -> inbox.deadLetters().count());
    meters.gauge("whizbang.inbox.dead.letters", "Messages parked in the inbox's dead letters", dead,
        MicrometerServiceMetrics::orNaN, tags);
  }

  /**
   * A relay of the service: its own or one the caller runs and may replace ({@code Whizbang.newRelay}). The
   * counters sum over every relay the service has had, so a replaced relay's rows stay counted.
   */
  @Override
  public synchronized void relay(Relay relay) {
    RelayHooks.publishTimer(relay, this::publishLatency);
    relays.add(relay);
    if (relays.size() > 1) {
      return;
    }
    Tags tags = Tags.of("transport", transport);
    meters.counter("whizbang.outbox.published", "Outbox rows the broker confirmed and this process's relay marked"
        + " published", relays, sum(s -> s.published()), tags);
    String failures = "whizbang.outbox.failures";
    String about = "Publication failures of outbox rows, by cause: the broker unavailable (retried) or the message"
        + " refused for good (parked)";
    meters.counter(failures, about, relays, sum(s -> s.retried()), tags.and("cause", "unavailable"));
    meters.counter(failures, about, relays, sum(s -> s.parked()), tags.and("cause", "poison"));
    meters.counter("whizbang.outbox.cleanup.deleted", "Published outbox rows deleted", relays,
        sum(s -> s.cleaned()), tags);
  }

  private static ToDoubleFunction<List<Relay>> sum(ToLongFunction<RelayStats> count) {
    return all -> {
      long total = 0;
      for (Relay r : all) {
        total += count.applyAsLong(r.stats());
      }
      return total;
    };
  }

  /** Called by the relay once per confirmed row: one timer per destination, created at its first row. */
  private void publishLatency(Destination destination, long millis) {
    Timer timer = publishLatency.get(destination);
    if (timer == null) {
      timer = publishLatency.computeIfAbsent(destination, d -> meters.timer("whizbang.outbox.publish.latency",
          "From an outbox row's commit to the broker's confirmation", Tags.of("transport", transport,
              "destination", d.conventionalName())));
    }
    timer.record(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void outbox(SqlStorage storage) {
    OutboxBacklog backlog = new OutboxBacklog(storage);
    CachedReading<OutboxBacklog.Backlog> pending = new CachedReading<>("the outbox backlog", ttl, backlog::read);
    meters.gauge("whizbang.outbox.pending", "Unpublished outbox rows (of every relay on the database)", pending,
        reading(b -> b.pending()), Tags.empty());
    meters.timeGauge("whizbang.outbox.oldest.pending.age", "How long the oldest unpublished outbox row has waited"
        + " (0 when none waits)", pending, reading(b -> b.oldest().toMillis()), Tags.empty());
    OutboxDeadLetters deadLetters = new OutboxDeadLetters(storage);
    CachedReading<Long> dead = new CachedReading<>("the outbox dead letters", ttl, deadLetters::count);
    meters.gauge("whizbang.outbox.dead.letters", "Rows parked in the outbox's dead letters (refused for good by the"
        + " broker)", dead, MicrometerServiceMetrics::orNaN, Tags.empty());
  }

  @Override
  public void close() {
    meters.removeAll();
    publishLatency.clear();
  }

  private static <T> ToDoubleFunction<CachedReading<T>> reading(ToDoubleFunction<T> value) {
    return cached -> {
      T v = cached.get();
      return v == null ? Double.NaN : value.applyAsDouble(v);
    };
  }

  static double orNaN(CachedReading<Long> cached) {
    Long v = cached.get();
    return v == null ? Double.NaN : v;
  }
}
