package io.whizbang.sqs;

import io.whizbang.runtime.testfixtures.DedicatedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fault suite on a fauxqs of its own (scripts/services/start-sns.sh with {@code SNS_STORAGE=disk}: topics,
 * subscriptions, queues and messages written out as it stops and read back as it starts), events published to a
 * FIFO SNS topic that delivers them to the subscriber's FIFO queue.
 */
class FauxqsFaultTest extends SqsFaultSuite {

  private static DedicatedServer server;
  private static String endpoint;

  @BeforeAll
  static void startDedicatedServer() {
    int port = DedicatedServer.freePort();
    endpoint = "http://127.0.0.1:" + port;
    server = DedicatedServer.start("sns", Map.of("SNS_PORT", Integer.toString(port), "SNS_STORAGE", "disk"),
        "SNS_KEEP_DATA");
  }

  @AfterAll
  static void removeDedicatedServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected DedicatedServer server() {
    return server;
  }

  @Override
  protected String endpoint() {
    return endpoint;
  }

  @Override
  protected EventRouting routing() {
    return EventRouting.SNS_TOPICS;
  }
}
