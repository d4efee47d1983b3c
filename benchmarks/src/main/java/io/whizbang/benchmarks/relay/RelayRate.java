package io.whizbang.benchmarks.relay;

import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.storage.OutboxFill;
import io.whizbang.rabbitmq.RabbitMqConfig;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.util.Locale;
import java.util.UUID;

/**
 * One measurement of relay throughput in its own JVM: fills an outbox over {@code --keys} partition keys, starts a
 * relay and counts the rows it publishes and marks in {@code --seconds} once it published its first batch. Prints
 * {@code RATE <rows/s>}. It uses only API that older runtimes and transports have too, so that
 * {@code relay-versions.sh} can put an older jar first on the class path and compare versions in one run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.relay.RelayRate --transport=memory --keys=1000</pre>
 *
 * <p>{@code --transport=rabbitmq} publishes persistent messages to a durable queue bound to the events exchange
 * (RabbitMQ at {@code WHIZBANG_RABBITMQ_HOST}, default 127.0.0.1), so each confirm waits for the queue as in
 * production; the queue and exchange are deleted at the end.
 */
public final class RelayRate {
  private static final String DOMAIN = "benchrelay";

  private RelayRate() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    String transportName = stringArg(args, "transport", "memory");
    int keys = Report.intArg(args, "keys", 1000);
    int rows = Report.intArg(args, "rows", 200_000);
    double seconds = Report.doubleArg(args, "seconds", 3);
    String prefix = Postgres.uniquePrefix("rate");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      OutboxFill.fill(storage, DOMAIN, rows, keys);
      String namePrefix = "bench." + UUID.randomUUID().toString().substring(0, 8) + ".";
      RabbitQueue queue = transportName.equals("rabbitmq") ? RabbitQueue.bound(namePrefix, DOMAIN) : null;
      try (Transport transport = transport(transportName, namePrefix);
          Relay relay = new Relay(storage, transport, RelayConfig.builder().build())) {
        relay.start();
        long giveUp = System.nanoTime() + 60_000_000_000L;
        while (relay.stats().published() == 0) {
          if (System.nanoTime() > giveUp) {
            throw new IllegalStateException("the relay published nothing in 60 s");
          }
          Thread.sleep(1);
        }
        long start = System.nanoTime();
        long from = relay.stats().published();
        Thread.sleep((long) (seconds * 1000));
        long published = relay.stats().published() - from;
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (relay.stats().published() >= rows) {
          throw new IllegalStateException("the outbox ran empty: fill it with more rows (--rows)");
        }
        System.out.printf(Locale.ROOT, "RATE %.1f%n", published / elapsed);
      } finally {
        if (queue != null) {
          queue.delete();
        }
      }
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static Transport transport(String name, String namePrefix) {
    return switch (name) {
      case "memory" -> new InMemoryTransport();
      case "rabbitmq" -> io.whizbang.rabbitmq.RabbitMqTransport.connect(
          RabbitMqConfig.builder().host(RabbitQueue.HOST).namePrefix(namePrefix).build());
      default -> throw new IllegalArgumentException("--transport must be memory or rabbitmq, not " + name);
    };
  }

  static String stringArg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return a.substring(name.length() + 3);
      }
    }
    return fallback;
  }
}
