package io.whizbang.benchmarks.kafka;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The consumer metrics kafka-clients registers in JMX (offset commits, fetches, time between polls), sampled every
 * 200 ms by client id so that the last values of a consumer survive its close (which unregisters them).
 */
final class KafkaClientMetrics implements AutoCloseable {
  private static final Map<String, List<String>> ATTRIBUTES = Map.of(
      "consumer-coordinator-metrics", List.of("commit-total", "commit-latency-avg"),
      "consumer-fetch-manager-metrics", List.of("fetch-total", "fetch-latency-avg", "records-per-request-avg"),
      "consumer-metrics", List.of("poll-idle-ratio-avg", "time-between-poll-avg"));

  private final Map<String, Map<String, Double>> last = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;

  KafkaClientMetrics() {
    sampler = new Thread(this::sample, "kafka-metrics-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    while (running) {
      for (Map.Entry<String, List<String>> type : ATTRIBUTES.entrySet()) {
        try {
          for (ObjectName name : server.queryNames(new ObjectName("kafka.consumer:type=" + type.getKey()
              + ",client-id=*"), null)) {
            Map<String, Double> values = last.computeIfAbsent(name.getKeyProperty("client-id"),
                k -> new ConcurrentHashMap<>());
            for (String attribute : type.getValue()) {
              Object v = server.getAttribute(name, attribute);
              if (v instanceof Number n && !Double.isNaN(n.doubleValue())) {
                values.put(attribute, n.doubleValue());
              }
            }
          }
        } catch (Exception e) {
          // a consumer closing between the query and the read: its earlier values stay
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The client ids seen so far. */
  Set<String> clients() {
    return Set.copyOf(last.keySet());
  }

  /** One line: the consumers whose client id starts with {@code prefix}, totals summed and averages averaged. */
  String summary(String prefix) {
    return summary(prefix, Set.of());
  }

  /** The same, leaving out the clients in {@code earlier} (those of an earlier round). */
  String summary(String prefix, Set<String> earlier) {
    double commits = 0;
    double fetches = 0;
    double commitLatency = 0;
    double fetchLatency = 0;
    double perFetch = 0;
    double idle = 0;
    double betweenPolls = 0;
    int n = 0;
    for (Map.Entry<String, Map<String, Double>> e : last.entrySet()) {
      if (!e.getKey().startsWith(prefix) || earlier.contains(e.getKey())) {
        continue;
      }
      Map<String, Double> v = e.getValue();
      commits += v.getOrDefault("commit-total", 0.0);
      fetches += v.getOrDefault("fetch-total", 0.0);
      commitLatency += v.getOrDefault("commit-latency-avg", 0.0);
      fetchLatency += v.getOrDefault("fetch-latency-avg", 0.0);
      perFetch += v.getOrDefault("records-per-request-avg", 0.0);
      idle += v.getOrDefault("poll-idle-ratio-avg", 0.0);
      betweenPolls += v.getOrDefault("time-between-poll-avg", 0.0);
      n++;
    }
    int d = Math.max(1, n);
    return String.format(Locale.ROOT, "%d consumer(s): %.0f offset commits (mean %.2f ms), %.0f fetches (mean"
        + " %.1f ms, %.0f records each), %.1f ms between polls, poll idle ratio %.2f", n, commits, commitLatency / d,
        fetches, fetchLatency / d, perFetch / d, betweenPolls / d, idle / d);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
