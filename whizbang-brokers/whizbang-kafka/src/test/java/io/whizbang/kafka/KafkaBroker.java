package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The broker the integration tests run against: {@code WHIZBANG_KAFKA_BOOTSTRAP} (default 127.0.0.1:9092), started
 * by scripts/services/start-kafka.sh. Missing broker: the tests fail on CI ({@code CI=true}) and are skipped
 * elsewhere, with a message saying how to start it.
 */
final class KafkaBroker {

  static final String BOOTSTRAP = System.getenv().getOrDefault("WHIZBANG_KAFKA_BOOTSTRAP", "127.0.0.1:9092");

  private static Boolean reachable;
  private static boolean warned;

  private KafkaBroker() {}

  /** Call from {@code @BeforeEach}: fails or skips the test when the broker is not there. */
  static synchronized void require() {
    if (reachable == null) {
      reachable = probe();
    }
    if (!reachable) {
      String message = "no Kafka broker at " + BOOTSTRAP + " (start one with scripts/services/start-kafka.sh or"
          + " set WHIZBANG_KAFKA_BOOTSTRAP)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + "; CI=true, so the Kafka tests must not be skipped");
      }
      if (!warned) {
        warned = true;
        System.err.println("WARNING: " + message + "; skipping the Kafka tests");
      }
      Assumptions.abort(message + "; skipping the Kafka tests");
    }
  }

  /** A configuration builder for the test broker with test-sized timeouts. */
  static KafkaConfig.Builder config() {
    return KafkaConfig.builder()
        .bootstrapServers(BOOTSTRAP)
        .clientId("whizbang-test")
        .partitions(3)
        .closeTimeout(java.time.Duration.ofSeconds(5))
        .operationTimeout(java.time.Duration.ofSeconds(15))
        .deliveryTimeout(java.time.Duration.ofSeconds(30))
        // A member notices a rebalance at its next heartbeat: the 3 s default would dominate the group tests.
        .consumerProperty("heartbeat.interval.ms", "200");
  }

  /** A domain name no other test uses, so every test has its own topics and groups. */
  static String uniqueDomain(String hint) {
    return hint + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static boolean probe() {
    for (String server : BOOTSTRAP.split(",")) {
      String s = server.trim();
      int colon = s.lastIndexOf(':');
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))), 2000);
        return true;
      } catch (IOException | RuntimeException e) {
        // try the next one
      }
    }
    return false;
  }
}
