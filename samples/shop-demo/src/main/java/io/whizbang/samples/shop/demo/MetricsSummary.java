package io.whizbang.samples.shop.demo;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo's metrics summary, read from the meters the services registered (docs/observability.md), not from
 * counters of the demo's own: what an operator's dashboard would show after the run. One line per meter name and
 * kind tag ({@code outcome}, {@code cause}, {@code source}, {@code phase}), summed over services, subscribers and
 * destinations (gauges and maxima: the largest); meters still at zero are left out.
 */
final class MetricsSummary {

  private static final Set<String> KIND_TAGS = Set.of("outcome", "cause", "source", "phase");

  private MetricsSummary() {}

  static List<String> lines(MeterRegistry registry) {
    Map<String, Map<Statistic, Double>> rows = new TreeMap<>();
    Set<String> seconds = new java.util.HashSet<>();
    for (Meter meter : registry.getMeters()) {
      String name = meter.getId().getName();
      if (!name.startsWith("whizbang.")) {
        continue;
      }
      String kind = meter.getId().getTags().stream().filter(t -> KIND_TAGS.contains(t.getKey()))
          .map(Tag::getValue).collect(Collectors.joining(","));
      String label = kind.isEmpty() ? name : name + " [" + kind + "]";
      Map<Statistic, Double> row = rows.computeIfAbsent(label, k -> new EnumMap<>(Statistic.class));
      if (meter instanceof TimeGauge) {
        seconds.add(label);
      }
      for (Measurement m : meter.measure()) {
        if (Double.isNaN(m.getValue())) {
          continue;
        }
        boolean summed = m.getStatistic() == Statistic.COUNT || m.getStatistic() == Statistic.TOTAL
            || m.getStatistic() == Statistic.TOTAL_TIME;
        row.merge(m.getStatistic(), m.getValue(), summed ? Double::sum : Math::max);
      }
    }
    List<String> lines = new ArrayList<>();
    rows.forEach((name, stats) -> {
      String value = format(stats);
      if (value != null) {
        lines.add(String.format(Locale.ROOT, "  %-52s %s%s", name, value, seconds.contains(name) ? " s" : ""));
      }
    });
    return lines;
  }

  /** A counter's count; a timer's count, mean and max in ms; a gauge's value; null when all is zero. */
  private static String format(Map<Statistic, Double> stats) {
    if (stats.values().stream().allMatch(v -> v == 0)) {
      return null;
    }
    Double count = stats.get(Statistic.COUNT);
    Double totalTime = stats.get(Statistic.TOTAL_TIME);
    if (count != null && totalTime != null) {
      return String.format(Locale.ROOT, "%,.0f, mean %.1f ms, max %.1f ms", count,
          count == 0 ? 0 : totalTime / count * 1000, stats.getOrDefault(Statistic.MAX, 0.0) * 1000);
    }
    if (count != null) {
      return String.format(Locale.ROOT, "%,.0f", count);
    }
    Double value = stats.getOrDefault(Statistic.VALUE, stats.values().iterator().next());
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%,.3f", value);
  }
}
