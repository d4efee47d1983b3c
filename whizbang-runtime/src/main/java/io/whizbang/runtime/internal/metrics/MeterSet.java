package io.whizbang.runtime.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters one owner (a service, a projection) registered, under tags they all carry, so that they are removed
 * together when it closes: a later owner with the same tags (a restarted service in the same JVM) then gets meters
 * of its own instead of the closed one's. Also keeps the objects the function meters read: Micrometer holds those
 * weakly.
 */
final class MeterSet {
  private static final Logger LOG = LoggerFactory.getLogger(MeterSet.class);

  private final MeterRegistry registry;
  private final Tags tags;
  private final List<Meter> meters = new ArrayList<>();
  private final List<Object> read = new ArrayList<>();

  MeterSet(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
  }

  /** A counter kept by the runtime anyway, read at each scrape. */
  synchronized <T> void counter(String name, String description, T source, ToDoubleFunction<T> read, Tags more) {
    this.read.add(source);
    meters.add(FunctionCounter.builder(name, source, read).tags(tags.and(more)).description(description)
        .register(registry));
  }

  synchronized <T> void gauge(String name, String description, T source, ToDoubleFunction<T> read, Tags more) {
    meters.add(Gauge.builder(name, source, read).tags(tags.and(more)).description(description).strongReference(true)
        .register(registry));
  }

  /** A gauge of a duration; {@code read} answers in milliseconds. */
  synchronized <T> void timeGauge(String name, String description, T source, ToDoubleFunction<T> readMillis,
      Tags more) {
    meters.add(TimeGauge.builder(name, source, TimeUnit.MILLISECONDS, readMillis).tags(tags.and(more))
        .description(description).strongReference(true).register(registry));
  }

  synchronized Timer timer(String name, String description, Tags more) {
    Timer timer = Timer.builder(name).tags(tags.and(more)).description(description).register(registry);
    meters.add(timer);
    return timer;
  }

  /** A broker's backlog for a gauge: NaN when not known, or when asking throws (a gauge never throws). */
  static double backlog(Supplier<OptionalLong> backlog) {
    try {
      OptionalLong value = backlog.get();
      return value.isPresent() ? value.getAsLong() : Double.NaN;
    } catch (RuntimeException e) {
      LOG.debug("A backlog could not be read; its meter shows NaN", e);
      return Double.NaN;
    }
  }

  /** Removes every meter registered through this set; it may register again afterwards. */
  synchronized void removeAll() {
    meters.forEach(registry::remove);
    meters.clear();
    read.clear();
  }
}
