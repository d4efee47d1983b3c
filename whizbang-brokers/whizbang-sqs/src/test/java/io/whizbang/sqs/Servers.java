package io.whizbang.sqs;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The servers the integration tests run against: ElasticMQ for SQS ({@code WHIZBANG_SQS_ENDPOINT}, default
 * http://127.0.0.1:9324, started by scripts/services/start-sqs.sh) and fauxqs for SNS with SQS
 * ({@code WHIZBANG_SNS_ENDPOINT}, default http://127.0.0.1:4566, scripts/services/start-sns.sh). A missing server
 * fails the tests on CI ({@code CI=true}) and skips them elsewhere, saying how to start it.
 */
enum Servers {
  ELASTICMQ("WHIZBANG_SQS_ENDPOINT", "http://127.0.0.1:9324", "scripts/services/start-sqs.sh"),
  FAUXQS("WHIZBANG_SNS_ENDPOINT", "http://127.0.0.1:4566", "scripts/services/start-sns.sh");

  private static final Map<Servers, Boolean> REACHABLE = new ConcurrentHashMap<>();

  final String endpoint;
  private final String variable;
  private final String script;

  Servers(String variable, String fallback, String script) {
    this.variable = variable;
    this.endpoint = System.getenv().getOrDefault(variable, fallback);
    this.script = script;
  }

  /** Call from {@code @BeforeEach}: fails or skips the test when the server is not there. */
  void require() {
    if (!REACHABLE.computeIfAbsent(this, Servers::probe)) {
      String message = "no " + name().toLowerCase() + " server at " + endpoint + " (start it with " + script
          + " or set " + variable + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + "; CI=true, so these tests must not be skipped");
      }
      Assumptions.abort(message + "; skipping");
    }
  }

  /** Settings for this server: its endpoint, static test credentials, a prefix no other test uses. */
  SqsConfig.Builder config() {
    return SqsConfig.builder().endpoint(endpoint).region("us-east-1").staticCredentials("test", "test")
        .namePrefix(uniquePrefix()).receiveWait(java.time.Duration.ofSeconds(1))
        .visibilityTimeout(java.time.Duration.ofSeconds(10)).operationTimeout(java.time.Duration.ofSeconds(15))
        .eventRouting(this == ELASTICMQ ? EventRouting.SQS_QUEUES : EventRouting.SNS_TOPICS);
  }

  static String uniquePrefix() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static boolean probe(Servers server) {
    java.net.URI uri = java.net.URI.create(server.endpoint);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
